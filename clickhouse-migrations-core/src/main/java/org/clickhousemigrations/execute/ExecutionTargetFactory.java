package org.clickhousemigrations.execute;

import org.clickhousemigrations.model.MigrationDatabase;

/** Opens the {@link ExecutionTarget} of a database, for a run or a dry run. */
@FunctionalInterface
public interface ExecutionTargetFactory {

	/**
	 * @param dryRun {@code true} for a target that writes nothing and collects a script
	 * @throws org.clickhousemigrations.ClickHouseMigrationException if the database cannot be reached
	 */
	ExecutionTarget open(MigrationDatabase database, boolean dryRun);

}
