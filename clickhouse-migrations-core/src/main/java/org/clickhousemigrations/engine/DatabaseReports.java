package org.clickhousemigrations.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.clickhousemigrations.ClickHouseMigrationRouter;
import org.clickhousemigrations.DatabaseReport;
import org.clickhousemigrations.MigrationInfo;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.diff.RememberedSchema;
import org.clickhousemigrations.diff.SchemaSnapshots;
import org.clickhousemigrations.history.InvalidHistoryException;
import org.clickhousemigrations.history.MigrationHistory;
import org.clickhousemigrations.model.DatabaseStatus;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.model.MigrationState;
import org.clickhousemigrations.plan.MigrationPlanner;
import org.clickhousemigrations.sql.ClickHouseErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The latest report of each database, from whatever last read its history. */
final class DatabaseReports {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseReports.class);

	private final MigrationHistory history;

	private final ClickHouseMigrationRouter router;

	private final SchemaSnapshots snapshots;

	private final Map<String, DatabaseReport> latest = new ConcurrentHashMap<>();

	DatabaseReports(MigrationHistory history, ClickHouseMigrationRouter router, SchemaSnapshots snapshots) {
		this.history = history;
		this.router = router;
		this.snapshots = snapshots;
	}

	/**
	 * Reads the history of the database, its remembered schema and drift, and keeps and returns its
	 * report; never throws.
	 */
	DatabaseReport read(MigrationDatabase database, List<ResolvedMigration> resolved) {
		return read(database, resolved, null);
	}

	/**
	 * Reads the history of the database after a run, and keeps and returns its report; never throws.
	 * The schema is the one the run remembered, if it did, without asking for drift: the run just
	 * took it. Otherwise that of the previous report.
	 */
	DatabaseReport readAfterRun(MigrationDatabase database, List<ResolvedMigration> resolved, RememberedSchema taken) {
		return read(database, resolved, (taken != null) ? taken : known(database));
	}

	/** Keeps and returns the report of the states just read, without reading the schema again. */
	DatabaseReport remember(MigrationDatabase database, List<MigrationInfo> infos) {
		return keep(report(database, infos, known(database)));
	}

	private DatabaseReport read(MigrationDatabase database, List<ResolvedMigration> resolved, RememberedSchema schema) {
		try {
			List<MigrationInfo> infos = MigrationPlanner.info(database, resolved, this.history.read(database).latest(),
					this.router);
			return keep(report(database, infos, (schema != null) ? schema : schema(database, infos)));
		}
		catch (RuntimeException ex) {
			return unreadable(database, ex);
		}
	}

	private DatabaseReport report(MigrationDatabase database, List<MigrationInfo> infos, RememberedSchema schema) {
		return new DatabaseReport(database.name(), database.migrate(), database.readonly(),
				DatabaseReport.status(database, infos), this.history.location(database), infos, null, schema);
	}

	// While a migration or rollback is half done, the schema differs from the last snapshot by this
	// library's own doing: drift is told only against a settled history.
	private RememberedSchema schema(MigrationDatabase database, List<MigrationInfo> infos) {
		if (this.snapshots == null) {
			return RememberedSchema.NONE;
		}
		try (Connection connection = database.dataSource().getConnection()) {
			return this.snapshots.read(connection,
					infos.stream().noneMatch((info) -> info.state() == MigrationState.FAILED));
		}
		catch (SQLException ex) {
			logger.warn("Cannot tell the drift of database '{}': {}", database.name(), ClickHouseErrors.describe(ex));
			return RememberedSchema.NONE;
		}
	}

	// The schema of the previous report, without its drift (which may be gone).
	private RememberedSchema known(MigrationDatabase database) {
		DatabaseReport previous = this.latest.get(database.name());
		return (previous != null) ? previous.schema().withoutDrift() : RememberedSchema.NONE;
	}

	private DatabaseReport unreadable(MigrationDatabase database, RuntimeException failure) {
		return keep(new DatabaseReport(database.name(), database.migrate(), database.readonly(),
				!database.migrate() ? DatabaseStatus.DISABLED
						: (failure instanceof InvalidHistoryException) ? DatabaseStatus.INVALID : DatabaseStatus.UNREACHABLE,
				this.history.location(database), List.of(), failure.getMessage(), RememberedSchema.NONE));
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
