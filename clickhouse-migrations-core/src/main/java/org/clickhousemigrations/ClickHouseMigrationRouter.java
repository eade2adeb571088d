package org.clickhousemigrations;

import org.clickhousemigrations.model.MigrationState;

/**
 * Decides whether a migration may run on a database. Excluded migrations are reported as
 * {@link MigrationState#EXCLUDED} and never applied there.
 */
@FunctionalInterface
public interface ClickHouseMigrationRouter {

	boolean allowMigrate(String database, String module, ResolvedMigration migration);

}
