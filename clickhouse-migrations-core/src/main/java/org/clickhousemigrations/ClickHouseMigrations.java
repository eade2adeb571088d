package org.clickhousemigrations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import org.clickhousemigrations.history.MigrationHistory;
import org.clickhousemigrations.lock.MigrationLock;
import org.clickhousemigrations.plan.MigrationPlanner;
import org.clickhousemigrations.plan.MigrationValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migrations of an application, across all its configured databases: what application code,
 * the boot-time runner, the command mode and the actuator endpoint call.
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

	private final boolean rollbackEnabled;

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
	 * @param rollbackEnabled whether {@link #rollback} may run
	 */
	public ClickHouseMigrations(List<MigrationDatabase> databases, Supplier<List<ResolvedMigration>> migrations,
			MigrationHistory history, MigrationLock lock, ClickHouseMigrationRouter router,
			Map<String, String> placeholders, List<MigrationListener> listeners, boolean rollbackEnabled) {
		this.databases = List.copyOf(databases);
		this.migrations = migrations;
		this.history = history;
		this.lock = lock;
		this.router = router;
		this.placeholders = Map.copyOf(placeholders);
		this.listeners = List.copyOf(listeners);
		this.rollbackEnabled = rollbackEnabled;
	}

	/** The configured databases, in migration order. */
	public List<MigrationDatabase> databases() {
		return this.databases;
	}

	/** All migrations found in the application, in run order. */
	public List<ResolvedMigration> resolved() {
		return this.migrations.get();
	}

	/** The state of every database; reads each history once and writes nothing. */
	public MigrationsReport info() {
		Map<String, DatabaseReport> reports = new LinkedHashMap<>();
		for (MigrationDatabase database : this.databases) {
			reports.put(database.name(), info(database));
		}
		return new MigrationsReport(reports);
	}

	/** The state of one database. */
	public DatabaseReport info(String name) {
		return info(database(name));
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

	/**
	 * Migrates every database whose {@code migrate} is true and {@code readonly} false, in order.
	 * A database with nothing pending costs one read of its history, and no lock. A database that
	 * fails does not keep the next ones from being migrated.
	 * @throws ClickHouseMigrationException naming every database that failed, after recording it
	 */
	public void migrate() {
		migrate(null);
	}

	/**
	 * Migrates up to {@code target} ({@code module:version}): the migrations of that module up to
	 * that version, and all they depend on.
	 */
	public void migrate(MigrationKey target) {
		forEachMigrated((operations) -> operations.migrate(target, false));
	}

	/** What {@link #migrate()} would run, without writing anything. */
	public DryRunReport dryRun() {
		return dryRun(null);
	}

	/** What {@link #migrate(MigrationKey)} would run, without writing anything. */
	public DryRunReport dryRun(MigrationKey target) {
		return new DryRunReport(forEachMigrated((operations) -> operations.migrate(target, true)));
	}

	/** Every disagreement between the application and the histories, each with its fix. Writes nothing. */
	public ValidationReport validate() {
		List<ValidationReport.Problem> problems = new ArrayList<>();
		for (MigrationDatabase database : this.databases) {
			if (!database.migrate()) {
				continue;
			}
			DatabaseReport report = info(database);
			if (report.status() == DatabaseStatus.UNREACHABLE) {
				problems.add(new ValidationReport.Problem(database.name(), null, null,
						ValidationReport.Kind.UNREACHABLE, report.error(), "check its URL, credentials and network"));
			}
			else {
				problems.addAll(MigrationValidator.validate(database.name(), report.migrations()));
			}
		}
		return new ValidationReport(problems);
	}

	/**
	 * Undoes every applied migration of {@code module} newer than {@code version}, newest first;
	 * {@code version} itself stays applied. Refuses before anything runs if one of them cannot be
	 * undone.
	 */
	public void rollback(String database, String module, String version) {
		if (!this.rollbackEnabled) {
			throw new ClickHouseMigrationException("Rollback is disabled (clickhouse.migrations.rollback-enabled=false)");
		}
		operations(writable(database)).rollback(new MigrationKey(module, MigrationVersion.parse(version)));
	}

	/**
	 * Clears failed migrations, re-aligns changed checksums and forgets missing migrations, each
	 * recorded as a history row.
	 * @return one line per repaired migration
	 */
	public List<String> repair(String database) {
		return operations(writable(database)).repair();
	}

	/** Declares {@code module} of {@code database} to be at {@code version} without running anything. */
	public void baseline(String database, String module, String version) {
		operations(writable(database)).baseline(new MigrationKey(module, MigrationVersion.parse(version)));
	}

	private DatabaseReport info(MigrationDatabase database) {
		try {
			return remember(database, MigrationPlanner.info(database, this.migrations.get(),
					this.history.read(database).latest(), this.router));
		}
		catch (RuntimeException ex) {
			DatabaseReport report = new DatabaseReport(database.name(), database.migrate(), database.readonly(),
					database.migrate() ? DatabaseStatus.UNREACHABLE : DatabaseStatus.DISABLED,
					this.history.location(database), List.of(), ex.getMessage());
			this.latest.put(database.name(), report);
			return report;
		}
	}

	/** Reads the history of the database again, for its latest report. */
	void refresh(MigrationDatabase database) {
		info(database);
	}

	DatabaseReport remember(MigrationDatabase database, List<MigrationInfo> infos) {
		DatabaseReport report = new DatabaseReport(database.name(), database.migrate(), database.readonly(),
				DatabaseReport.status(database, infos), this.history.location(database), infos, null);
		this.latest.put(database.name(), report);
		return report;
	}

	private <T> Map<String, T> forEachMigrated(Function<DatabaseOperations, T> action) {
		Map<String, T> results = new LinkedHashMap<>();
		List<ClickHouseMigrationException> failures = new ArrayList<>();
		for (MigrationDatabase database : this.databases) {
			if (!database.isMigrated()) {
				logger.info("Not migrating database '{}': {}", database.name(),
						!database.migrate() ? "migrate=false" : "readonly=true");
				continue;
			}
			try {
				results.put(database.name(), action.apply(operations(database)));
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
		return results;
	}

	private DatabaseOperations operations(MigrationDatabase database) {
		return new DatabaseOperations(database, this.migrations.get(), this);
	}

	private MigrationDatabase writable(String name) {
		MigrationDatabase database = database(name);
		if (!database.isMigrated()) {
			throw new ClickHouseMigrationException("Database '" + name + "' is configured with "
					+ (database.readonly() ? "readonly=true" : "migrate=false") + "; nothing is written to it");
		}
		return database;
	}

	private MigrationDatabase database(String name) {
		return this.databases.stream()
			.filter((database) -> database.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new ClickHouseMigrationException("There is no database '" + name + "'; configured: "
					+ this.databases.stream().map(MigrationDatabase::name).toList()));
	}

	MigrationHistory history() {
		return this.history;
	}

	MigrationLock lock() {
		return this.lock;
	}

	ClickHouseMigrationRouter router() {
		return this.router;
	}

	Map<String, String> placeholders() {
		return this.placeholders;
	}

	List<MigrationListener> listeners() {
		return this.listeners;
	}

}
