package org.clickhousemigrations;

import org.clickhousemigrations.model.MigrationDatabase;

/**
 * Told of each migration that ran, for example to record metrics. Called on the migrating thread.
 */
public interface MigrationListener {

	/** A migration (or its rollback) ran to the end. */
	default void succeeded(MigrationDatabase database, ResolvedMigration migration, boolean rollback, long millis) {
	}

	/** A migration (or its rollback) stopped on a failing step. */
	default void failed(MigrationDatabase database, ResolvedMigration migration, boolean rollback, long millis,
			Exception failure) {
	}

	/**
	 * Migrating a database failed: after {@link #failed} when a step failed, and also for failures
	 * outside any step (the history, the lock, the plan).
	 */
	default void databaseFailed(MigrationDatabase database, ClickHouseMigrationException failure) {
	}

}
