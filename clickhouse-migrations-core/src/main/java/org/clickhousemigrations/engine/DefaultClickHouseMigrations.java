package org.clickhousemigrations.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.DatabaseReport;
import org.clickhousemigrations.DryRunReport;
import org.clickhousemigrations.LintReport;
import org.clickhousemigrations.MigrationsReport;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.RunningStatement;
import org.clickhousemigrations.ValidationReport;
import org.clickhousemigrations.diff.SchemaSnapshots;
import org.clickhousemigrations.history.MigrationHistory;
import org.clickhousemigrations.history.ToolHistory.Tool;
import org.clickhousemigrations.model.AppliedMigration;
import org.clickhousemigrations.model.DatabaseStatus;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.model.MigrationKey;
import org.clickhousemigrations.model.MigrationVersion;
import org.clickhousemigrations.model.StatementOutcome;
import org.clickhousemigrations.plan.MigrationValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ClickHouseMigrations} over a list of databases: runs each operation database by database
 * (each through a {@link DatabaseMigrator} or {@link HistoryRepair}) and keeps the latest report
 * of each.
 */
public class DefaultClickHouseMigrations implements ClickHouseMigrations {

	private static final Logger logger = LoggerFactory.getLogger(DefaultClickHouseMigrations.class);

	private final List<MigrationDatabase> databases;

	private final Supplier<List<ResolvedMigration>> migrations;

	private final MigrationServices services;

	private final boolean rollbackEnabled;

	private final int parallelism;

	DefaultClickHouseMigrations(ClickHouseMigrationsBuilder builder) {
		this.databases = List.copyOf(builder.databases);
		this.migrations = builder.migrations();
		MigrationHistory history = builder.history();
		SchemaSnapshots snapshots = builder.snapshots();
		this.services = new MigrationServices(history, builder.lock(), builder.router, builder.targets(),
				builder.listeners, new DatabaseReports(history, builder.router, snapshots), snapshots,
				builder.progressMonitor(), builder.linter());
		this.rollbackEnabled = builder.rollbackEnabled;
		this.parallelism = builder.parallelism;
	}

	/** How the engine is built, with Spring Boot or without: every part but the databases has a default. */
	public static ClickHouseMigrationsBuilder builder() {
		return new ClickHouseMigrationsBuilder();
	}

	@Override
	public List<MigrationDatabase> databases() {
		return this.databases;
	}

	@Override
	public List<ResolvedMigration> resolved() {
		return this.migrations.get();
	}

	@Override
	public List<RunningStatement> running() {
		return this.services.progress().running();
	}

	@Override
	public MigrationsReport info() {
		Map<String, DatabaseReport> reports = new LinkedHashMap<>();
		for (MigrationDatabase database : this.databases) {
			reports.put(database.name(), info(database));
		}
		return new MigrationsReport(reports);
	}

	@Override
	public DatabaseReport info(String name) {
		return info(database(name));
	}

	@Override
	public Map<String, DatabaseReport> latestReports() {
		Map<String, DatabaseReport> reports = new LinkedHashMap<>();
		for (MigrationDatabase database : this.databases) {
			DatabaseReport report = this.services.reports().get(database.name());
			if (report != null) {
				reports.put(database.name(), report);
			}
		}
		return reports;
	}

	@Override
	public void migrate(MigrationKey target) {
		forEachMigrated((migrator) -> migrator.migrate(target, false));
	}

	@Override
	public DryRunReport dryRun(MigrationKey target) {
		return new DryRunReport(forEachMigrated((migrator) -> migrator.migrate(target, true)));
	}

	@Override
	public LintReport lint(String module, String version) {
		MigrationVersion upTo = (version != null) ? MigrationVersion.parse(version) : null;
		boolean all = this.services.linter() != null && this.services.linter().settings().all();
		List<LintReport.Finding> findings = new ArrayList<>();
		List<LintReport.Finding> suppressed = new ArrayList<>();
		forEachMigrated((migrator) -> migrator.lint(module, upTo, all)).values().forEach((report) -> {
			findings.addAll(report.findings());
			suppressed.addAll(report.suppressed());
		});
		return new LintReport(findings, suppressed);
	}

	@Override
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
			else if (report.error() != null) {
				problems.add(new ValidationReport.Problem(database.name(), null, report.historyTable(),
						ValidationReport.Kind.INVALID_HISTORY, report.error(), "fix or remove the row it names"));
			}
			else {
				problems.addAll(MigrationValidator.validate(database.name(), report.migrations()));
				if (database.isMigrated()) {
					problems.addAll(lintErrors(migrator(database).lint(null, null, false)));
				}
			}
			report.drift().forEach((drift) -> problems.add(new ValidationReport.Problem(database.name(), null,
					drift.object(), ValidationReport.Kind.DRIFT, drift.object() + " " + drift.change(), "undo the change, or write it as a migration "
							+ "(the next migrate that applies one remembers the schema again)")));
		}
		return new ValidationReport(problems);
	}

	@Override
	public void rollback(String database, String module, String version) {
		if (!this.rollbackEnabled) {
			throw new ClickHouseMigrationException("Rollback is disabled (clickhouse.migrations.rollback-enabled=false)");
		}
		migrator(writable(database)).rollback(new MigrationKey(module, MigrationVersion.parse(version)));
	}

	@Override
	public DryRunReport rollbackDryRun(String database, String module, String version) {
		List<String> script = migrator(writable(database)).rollbackDryRun(new MigrationKey(module,
				MigrationVersion.parse(version)));
		return new DryRunReport(Map.of(database, script));
	}

	@Override
	public List<String> repair(String database, StatementOutcome outcome) {
		return new HistoryRepair(writable(database), this.migrations.get(), this.services).repair(outcome);
	}

	@Override
	public void baseline(String database, String module, String version) {
		new Baseline(writable(database), this.migrations.get(), this.services)
			.baseline(new MigrationKey(module, MigrationVersion.parse(version)));
	}

	@Override
	public List<String> importHistory(String database, String module, String tool, boolean dryRun) {
		MigrationDatabase target = writable(database);
		Tool from = Tool.of(tool);
		String into = module;
		if (into == null) {
			List<String> modules = this.migrations.get().stream()
				.map(ResolvedMigration::module)
				.filter(target::includes)
				.distinct()
				.toList();
			if (modules.size() != 1) {
				throw new IllegalArgumentException("import needs the module the migrations of " + from.id()
						+ " are in: --clickhouse.migrations.target=<module> (one of " + modules + ")");
			}
			into = modules.get(0);
		}
		return imports(target).importFrom(from, into, dryRun);
	}

	@Override
	public List<AppliedMigration> history(String database) {
		return this.services.history().all(database(database));
	}

	@Override
	public List<String> restoreHistory(String database, List<AppliedMigration> rows, boolean dryRun) {
		return imports(writable(database)).restore(rows, dryRun);
	}

	private DatabaseReport info(MigrationDatabase database) {
		return this.services.reports().read(database, this.migrations.get());
	}

	// Each migrated database on its own, up to `parallelism` at once.
	// What lint finds in the pending migrations, errors only: a warning does not make a database invalid.
	private static List<ValidationReport.Problem> lintErrors(LintReport report) {
		return report.findings().stream()
			.filter((finding) -> finding.severity() == LintReport.Severity.ERROR)
			.map((finding) -> new ValidationReport.Problem(finding.database(), finding.migration(), finding.location(),
					ValidationReport.Kind.LINT, finding.rule() + ": " + finding.message(), finding.fix()))
			.toList();
	}

	private <T> Map<String, T> forEachMigrated(Function<DatabaseMigrator, T> action) {
		return new EachDatabase(this.databases, this.parallelism, this.services.listeners())
			.run((database) -> action.apply(migrator(database)));
	}

	private DatabaseMigrator migrator(MigrationDatabase database) {
		return new DatabaseMigrator(database, this.migrations.get(), this.services);
	}

	private HistoryImport imports(MigrationDatabase database) {
		return new HistoryImport(database, this.migrations.get(), this.services);
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

}
