package org.clickhousemigrations;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.clickhousemigrations.execute.ClickHouseErrors;
import org.clickhousemigrations.execute.ClusterSupport;
import org.clickhousemigrations.execute.MigrationExecutor;
import org.clickhousemigrations.execute.Placeholders;
import org.clickhousemigrations.execute.PlannedMigration;
import org.clickhousemigrations.execute.Progress;
import org.clickhousemigrations.history.MigrationHistory;
import org.clickhousemigrations.history.MigrationHistory.Snapshot;
import org.clickhousemigrations.lock.MigrationLock;
import org.clickhousemigrations.plan.MigrationPlanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migrations of an application, across all its configured databases: what application code
 * and the Spring Boot integration call.
 */
public class ClickHouseMigrations {

	private static final Logger logger = LoggerFactory.getLogger(ClickHouseMigrations.class);

	private final List<MigrationDatabase> databases;

	private final Supplier<List<ResolvedMigration>> migrations;

	private final MigrationHistory history;

	private final MigrationLock lock;

	private final ClickHouseMigrationRouter router;

	private final Map<String, String> placeholders;

	private final List<MigrationListener> listeners;

	// The latest report of each database, from whatever last read its history.
	private final Map<String, DatabaseReport> latest = new ConcurrentHashMap<>();

	/**
	 * @param databases the databases, in the order they are migrated
	 * @param migrations all migrations found, in run order (called once per operation; cache it)
	 * @param history where histories are kept
	 * @param lock how instances take turns
	 * @param router which migrations may run where; {@code null} for all
	 * @param placeholders global placeholders
	 * @param listeners told of each migration run
	 */
	public ClickHouseMigrations(List<MigrationDatabase> databases, Supplier<List<ResolvedMigration>> migrations,
			MigrationHistory history, MigrationLock lock, ClickHouseMigrationRouter router,
			Map<String, String> placeholders, List<MigrationListener> listeners) {
		this.databases = List.copyOf(databases);
		this.migrations = migrations;
		this.history = history;
		this.lock = lock;
		this.router = router;
		this.placeholders = Map.copyOf(placeholders);
		this.listeners = List.copyOf(listeners);
	}

	/** The configured databases, in migration order. */
	public List<MigrationDatabase> databases() {
		return this.databases;
	}

	/** The state of every database; reads each history once and writes nothing. */
	public MigrationsReport info() {
		List<ResolvedMigration> resolved = this.migrations.get();
		Map<String, DatabaseReport> reports = new LinkedHashMap<>();
		for (MigrationDatabase database : this.databases) {
			reports.put(database.name(), info(database, resolved));
		}
		return new MigrationsReport(reports);
	}

	/** The state of one database. */
	public DatabaseReport info(String name) {
		return info(database(name), this.migrations.get());
	}

	/**
	 * The latest report of each database known without asking ClickHouse: from the last
	 * {@link #info()} or {@link #migrate()}. Empty for a database not read yet.
	 */
	public Map<String, DatabaseReport> latestReports() {
		Map<String, DatabaseReport> reports = new LinkedHashMap<>();
		for (MigrationDatabase database : this.databases) {
			DatabaseReport report = this.latest.get(database.name());
			if (report != null) {
				reports.put(database.name(), report);
			}
		}
		return reports;
	}

	private DatabaseReport info(MigrationDatabase database, List<ResolvedMigration> resolved) {
		String location = this.history.location(database);
		DatabaseReport report;
		try {
			report = report(database, resolved, this.history.read(database));
		}
		catch (RuntimeException ex) {
			report = new DatabaseReport(database.name(), database.migrate(), database.readonly(),
					database.migrate() ? DatabaseStatus.UNREACHABLE : DatabaseStatus.DISABLED, location, List.of(),
					ex.getMessage());
		}
		this.latest.put(database.name(), report);
		return report;
	}

	private DatabaseReport report(MigrationDatabase database, List<ResolvedMigration> resolved, Snapshot snapshot) {
		List<MigrationInfo> infos = MigrationPlanner.info(database, resolved, snapshot.latest(), this.router);
		DatabaseReport report = new DatabaseReport(database.name(), database.migrate(), database.readonly(),
				DatabaseReport.status(database, infos), this.history.location(database), infos, null);
		this.latest.put(database.name(), report);
		return report;
	}

	/**
	 * Migrates every database whose {@code migrate} is true and {@code readonly} false, in order.
	 * A database with nothing pending costs one read of its history, and no lock. A database that
	 * fails does not keep the next ones from being migrated.
	 * @return the state of each database migrated, afterwards
	 * @throws ClickHouseMigrationException naming every database that failed, after recording it
	 */
	public MigrationsReport migrate() {
		List<ResolvedMigration> resolved = this.migrations.get();
		Map<String, DatabaseReport> reports = new LinkedHashMap<>();
		List<ClickHouseMigrationException> failures = new ArrayList<>();
		for (MigrationDatabase database : this.databases) {
			if (!database.isMigrated()) {
				logger.info("Not migrating database '{}': {}", database.name(),
						!database.migrate() ? "migrate=false" : "readonly=true");
				continue;
			}
			try {
				reports.put(database.name(), migrate(database, resolved));
			}
			catch (ClickHouseMigrationException ex) {
				logger.error("Database '{}' was not migrated: {}", database.name(), ex.getMessage());
				failures.add(ex);
			}
		}
		if (failures.size() == 1) {
			throw failures.get(0);
		}
		if (!failures.isEmpty()) {
			ClickHouseMigrationException failure = new ClickHouseMigrationException(failures.size()
					+ " databases were not migrated:\n" + String.join("\n",
							failures.stream().map(ClickHouseMigrationException::getMessage).toList()));
			failures.forEach(failure::addSuppressed);
			throw failure;
		}
		return new MigrationsReport(reports);
	}

	private DatabaseReport migrate(MigrationDatabase database, List<ResolvedMigration> resolved) {
		Snapshot snapshot = this.history.read(database);
		DatabaseReport before = report(database, resolved, snapshot);
		if (pending(database, before.migrations()).isEmpty()) {
			logger.info("Database '{}' is up to date ({} migrations, history {})", database.name(),
					before.migrations().size(), before.historyTable());
			return before;
		}
		try {
			apply(database, resolved, snapshot);
		}
		finally {
			// Whatever happened, the report shows the history as it is now.
			info(database, resolved);
		}
		return this.latest.get(database.name());
	}

	private void apply(MigrationDatabase database, List<ResolvedMigration> resolved, Snapshot snapshot) {
		if (!snapshot.exists()) {
			this.history.create(database);
		}
		try (MigrationLock.Held held = this.lock.acquire(database)) {
			// Another instance may have migrated while we waited for the lock.
			List<MigrationInfo> infos = MigrationPlanner.info(database, resolved, this.history.read(database).latest(),
					this.router);
			List<MigrationInfo> pending = pending(database, infos);
			Placeholders values = placeholders(database);
			List<PlannedMigration> plan = new ArrayList<>();
			for (MigrationInfo info : pending) {
				plan.add(plan(database, info, values));
			}
			long started = System.nanoTime();
			new MigrationExecutor(database, this.history, values, this.listeners, held::check).execute(plan, false);
			logger.info("Database '{}' migrated: {} migration{} applied in {} ms", database.name(), plan.size(),
					(plan.size() == 1) ? "" : "s", (System.nanoTime() - started) / 1_000_000);
		}
	}

	private List<MigrationInfo> pending(MigrationDatabase database, List<MigrationInfo> infos) {
		List<String> problems = new ArrayList<>();
		List<MigrationInfo> pending = new ArrayList<>();
		for (MigrationInfo info : infos) {
			switch (info.state()) {
				case PENDING, FAILED -> {
					pending.add(info);
					info.resolved().dependsOn().stream()
						.filter((dependency) -> !database.includes(dependency.module()))
						.forEach((dependency) -> problems.add(info.key() + " (" + info.script() + ") depends on "
								+ dependency + ", but module '" + dependency.module() + "' is not in the modules of "
								+ "this database; add it to clickhouse.migrations.databases." + database.name()
								+ ".modules"));
				}
				case CHECKSUM_MISMATCH -> problems.add(info.key() + " (" + info.script() + ") changed after it was "
						+ "applied (checksum " + info.applied().checksum() + ", now " + info.checksum() + "): restore "
						+ "it, or run repair to accept the change");
				case MISSING -> problems.add(info.key() + " (" + info.script() + ") is applied but no longer found: "
						+ "restore it, or run repair to remove it from the history");
				default -> {
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new ClickHouseMigrationException("Database '" + database.name() + "' cannot be migrated:\n  - "
					+ String.join("\n  - ", problems));
		}
		return pending;
	}

	// A failed migration resumes after the steps it had done, if they did not change since.
	private static PlannedMigration plan(MigrationDatabase database, MigrationInfo info, Placeholders values) {
		ResolvedMigration migration = info.resolved();
		AppliedMigration previous = info.applied();
		int startAt = 0;
		if (info.state() == MigrationState.FAILED && previous.statementsDone() > 0) {
			int done = previous.statementsDone();
			boolean unchanged = done <= migration.steps().size()
					&& Progress.checksum(migration.steps(), done).equals(previous.progressChecksum());
			if (!unchanged) {
				throw new ClickHouseMigrationException(String.format("%s (%s) on database '%s' stopped after "
						+ "statement %d of %d, and statements 1 to %d have changed since, so it cannot resume safely. "
						+ "Restore statements 1 to %d as they were, or bring the schema to the state the migration "
						+ "should leave by hand and run repair to mark it applied.", info.key(), migration.script(),
						database.name(), done, previous.statementsTotal(), done, done));
			}
			startAt = done;
		}
		try {
			return PlannedMigration.of(migration, migration.steps(), startAt, previous, values);
		}
		catch (IllegalArgumentException ex) {
			throw new ClickHouseMigrationException("Database '" + database.name() + "': " + ex.getMessage(), ex);
		}
	}

	private Placeholders placeholders(MigrationDatabase database) {
		try (Connection connection = database.dataSource().getConnection()) {
			String schema = connection.getSchema();
			String onCluster = ClusterSupport.onCluster(connection, database.cluster(), null);
			return Placeholders.of((schema != null) ? schema : connection.getCatalog(), database.cluster(), onCluster,
					this.placeholders, database.placeholders());
		}
		catch (SQLException ex) {
			throw new ClickHouseMigrationException("Cannot connect to database '" + database.name() + "': "
					+ ClickHouseErrors.describe(ex), ex);
		}
	}

	private MigrationDatabase database(String name) {
		return this.databases.stream()
			.filter((database) -> database.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new ClickHouseMigrationException("There is no database '" + name + "'; configured: "
					+ this.databases.stream().map(MigrationDatabase::name).toList()));
	}

}
