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

		@Override
		void close();

	}

}
