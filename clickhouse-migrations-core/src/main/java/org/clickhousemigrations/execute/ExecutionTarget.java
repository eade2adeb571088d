package org.clickhousemigrations.execute;

import java.util.List;

import org.clickhousemigrations.AppliedMigration;
import org.clickhousemigrations.MigrationStep;

/**
 * Where the {@link MigrationExecutor} sends its effects: a live database, or the script of a
 * dry run. The executor makes the same decisions for both, so a dry run shows exactly what a
 * migrate would do.
 */
public interface ExecutionTarget extends AutoCloseable {

	/** Who the history records as having run the migrations. */
	String installedBy();

	/** Runs one step; {@code sql} is its SQL with placeholders resolved, or {@code null} for Java. */
	void run(MigrationStep step, String sql, String module) throws Exception;

	/** Appends rows to the history, in one write. */
	void record(List<AppliedMigration> rows);

	@Override
	void close();

}
