package org.clickhousemigrations.engine;

import java.util.List;

import org.clickhousemigrations.ClickHouseMigrationRouter;
import org.clickhousemigrations.MigrationListener;
import org.clickhousemigrations.diff.SchemaSnapshots;
import org.clickhousemigrations.execute.ExecutionTargetFactory;
import org.clickhousemigrations.execute.ProgressMonitor;
import org.clickhousemigrations.history.MigrationHistory;
import org.clickhousemigrations.lint.Linter;
import org.clickhousemigrations.lock.MigrationLock;

/**
 * What the work on one database is handed: where histories are kept, how instances take turns,
 * which migrations may run where, where statements run, who hears of each migration, and where
 * the latest report of each database goes.
 *
 * @param router which migrations may run where; {@code null} for all
 * @param snapshots where the schema each migrate leaves is kept, to tell drift; {@code null} for nowhere
 * @param progress what watches the statements that run for long; {@code null} for nothing
 * @param linter what checks migrations before they run; {@code null} for nothing
 */
record MigrationServices(MigrationHistory history, MigrationLock lock, ClickHouseMigrationRouter router,
		ExecutionTargetFactory targets, List<MigrationListener> listeners, DatabaseReports reports,
		SchemaSnapshots snapshots, ProgressMonitor progress, Linter linter) {

	MigrationServices {
		listeners = List.copyOf(listeners);
	}

}
