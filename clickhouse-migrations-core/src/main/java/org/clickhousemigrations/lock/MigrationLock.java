package org.clickhousemigrations.lock;

import org.clickhousemigrations.model.MigrationDatabase;

/**
 * Makes instances that migrate one database at the same time take turns, so that each migration
 * is applied exactly once. Taken only when something is pending.
 */
public interface MigrationLock {

	/**
	 * Waits for the lock of the database.
	 * @throws org.clickhousemigrations.ClickHouseMigrationException if it cannot be had in time,
	 * naming who holds it
	 */
	Held acquire(MigrationDatabase database);

	/** A lock held; close it to release. */
	interface Held extends AutoCloseable {

		/**
		 * Fails if the lock was lost (its lease expired and another instance took it), so that
		 * no further statement runs.
		 */
		void check();

		/**
		 * Whether the lock was taken over from a holder whose lease expired (it died, or stalled):
		 * that holder may have left a statement running, or done without a row that says so.
		 */
		default boolean tookOver() {
			return false;
		}

		/**
		 * Stops renewing the lease without releasing the lock, so that the next holder takes it
		 * over when the lease expires and checks what this one left behind. A lock that cannot do
		 * that is released.
		 */
		default void abandon() {
			close();
		}

		@Override
		void close();

	}

}
