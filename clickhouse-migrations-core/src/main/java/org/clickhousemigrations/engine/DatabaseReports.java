package org.clickhousemigrations.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.clickhousemigrations.ClickHouseMigrationRouter;
import org.clickhousemigrations.DatabaseReport;
import org.clickhousemigrations.MigrationInfo;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.history.InvalidHistoryException;
import org.clickhousemigrations.history.MigrationHistory;
import org.clickhousemigrations.model.DatabaseStatus;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.plan.MigrationPlanner;

/** The latest report of each database, from whatever last read its history. */
final class DatabaseReports {

	private final MigrationHistory history;

	private final ClickHouseMigrationRouter router;

	private final Map<String, DatabaseReport> latest = new ConcurrentHashMap<>();

	DatabaseReports(MigrationHistory history, ClickHouseMigrationRouter router) {
		this.history = history;
		this.router = router;
	}

	/** Reads the history of the database, and keeps and returns its report; never throws. */
	DatabaseReport read(MigrationDatabase database, List<ResolvedMigration> resolved) {
		try {
			return remember(database, MigrationPlanner.info(database, resolved, this.history.read(database).latest(),
					this.router));
		}
		catch (RuntimeException ex) {
			return unreadable(database, ex);
		}
	}

	/** Keeps and returns the report of the states just read. */
	DatabaseReport remember(MigrationDatabase database, List<MigrationInfo> infos) {
		return keep(new DatabaseReport(database.name(), database.migrate(), database.readonly(),
				DatabaseReport.status(database, infos), this.history.location(database), infos, null));
	}

	private DatabaseReport unreadable(MigrationDatabase database, RuntimeException failure) {
		return keep(new DatabaseReport(database.name(), database.migrate(), database.readonly(),
				!database.migrate() ? DatabaseStatus.DISABLED
						: (failure instanceof InvalidHistoryException) ? DatabaseStatus.INVALID : DatabaseStatus.UNREACHABLE,
				this.history.location(database), List.of(), failure.getMessage()));
	}

	/** The latest report of the database, or {@code null} if it was not read yet. */
	DatabaseReport get(String database) {
		return this.latest.get(database);
	}

	private DatabaseReport keep(DatabaseReport report) {
		this.latest.put(report.name(), report);
		return report;
	}

}
