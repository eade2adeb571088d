package org.clickhousemigrations.autoconfigure.command;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.DeclaredSchemas;
import org.clickhousemigrations.DryRunReport;
import org.clickhousemigrations.ValidationReport;
import org.clickhousemigrations.autoconfigure.ClickHouseMigrationsProperties;
import org.clickhousemigrations.autoconfigure.ClickHouseMigrationsProperties.Output;
import org.clickhousemigrations.autoconfigure.UnknownKeys;
import org.clickhousemigrations.autoconfigure.report.Json;
import org.clickhousemigrations.autoconfigure.report.StatusDocument;
import org.clickhousemigrations.diff.SchemaChange;
import org.clickhousemigrations.diff.SchemaMigration;
import org.clickhousemigrations.generate.MigrationGenerator;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.model.MigrationKey;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Command mode: {@code --clickhouse.migrations.command=<command>} runs that command once the
 * application is ready, instead of the boot-time migration, prints a report and exits: 0 on
 * success, 1 with the reason on failure.
 */
public class ClickHouseMigrationsCommandRunner implements ApplicationListener<ApplicationReadyEvent> {

	private final ClickHouseMigrations migrations;

	private final ClickHouseMigrationsProperties properties;

	private final CommandExit exit;

	private final PrintStream out;

	private final PrintStream err;

	private final DeclaredSchemas schemas;

	public ClickHouseMigrationsCommandRunner(ClickHouseMigrations migrations, ClickHouseMigrationsProperties properties,
			DeclaredSchemas schemas, CommandExit exit, PrintStream out, PrintStream err) {
		this.migrations = migrations;
		this.properties = properties;
		this.schemas = schemas;
		this.exit = exit;
		this.out = out;
		this.err = err;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		String command = this.properties.getCommand().trim().toLowerCase(Locale.ROOT);
		int code;
		try {
			// A key nobody binds would be ignored: with a typo in dry-run, a rollback would really run.
			List<String> unknown = UnknownKeys.of(event.getApplicationContext().getEnvironment());
			if (!unknown.isEmpty()) {
				throw new IllegalArgumentException("unknown configuration key" + ((unknown.size() == 1) ? " " : "s ")
						+ String.join(", ", unknown) + "; nothing was run");
			}
			code = run(command);
		}
		catch (ClickHouseMigrationException | IllegalArgumentException | UncheckedIOException
				| UnsupportedOperationException ex) {
			this.err.println("clickhouse-migrations " + command + " failed: " + ex.getMessage());
			code = 1;
		}
		this.out.flush();
		this.exit.exit(code);
	}

	private int run(String command) {
		// Whoever asks for a dry run must not get a real one.
		if (this.properties.isDryRun()
				&& List.of("repair", "baseline", "generate", "export", "report").contains(command)) {
			throw new IllegalArgumentException(command + " has no dry run; leave out --clickhouse.migrations.dry-run "
					+ "(migrate, rollback and import have one)");
		}
		ReportCommands reports = new ReportCommands(this.migrations, this.out);
		switch (command) {
			case "status" -> this.out.print(json() ? Json.write(StatusDocument.of(this.migrations)) + "\n"
					: StatusTable.render(this.migrations.info()));
			case "migrate" -> {
				if (this.properties.isDryRun()) {
					printDryRun(this.migrations.dryRun(target()));
					return 0;
				}
				this.migrations.migrate(target());
				this.out.print(StatusTable.render(this.migrations.info()));
			}
			case "validate" -> {
				return validate();
			}
			case "dry-run" -> printDryRun(this.migrations.dryRun(target()));
			case "rollback" -> {
				MigrationKey target = required(target(), "rollback");
				if (this.properties.isDryRun()) {
					printDryRun(this.migrations.rollbackDryRun(database(), target.module(), target.version().toString()));
				}
				else {
					this.migrations.rollback(database(), target.module(), target.version().toString());
					this.out.print(StatusTable.render(this.migrations.info()));
				}
			}
			case "repair" -> {
				List<String> repaired = this.migrations.repair(database(), this.properties.getOutcome());
				this.out.println(repaired.isEmpty() ? "Nothing to repair." : String.join("\n", repaired));
			}
			case "baseline" -> {
				MigrationKey target = required(target(), "baseline");
				this.migrations.baseline(database(), target.module(), target.version().toString());
				this.out.println("Module '" + target.module() + "' of database '" + database() + "' baselined at "
						+ target.version() + ".");
			}
			case "generate" -> generate();
			case "diff" -> {
				return diff();
			}
			case "import" -> {
				String from = this.properties.getFrom();
				if (from != null && from.toLowerCase(Locale.ROOT).endsWith(".json")) {
					reports.importFile(database(), Path.of(from), this.properties.isDryRun());
				}
				else {
					importHistory();
				}
			}
			case "history" -> reports.history(database(), json());
			case "export" -> reports.export(database(), Path.of(required(this.properties.getFile(), "export",
					"--clickhouse.migrations.file=<path.json>")));
			case "report" -> reports.report(Path.of((this.properties.getFile() != null) ? this.properties.getFile()
					: "clickhouse-migrations-report.html"));
			default -> throw new IllegalArgumentException("unknown command '" + command + "'; use one of status, "
					+ "migrate, validate, dry-run, rollback, repair, baseline, generate, diff, import, history, export, "
					+ "report");
		}
		return 0;
	}

	private int validate() {
		ValidationReport report = this.migrations.validate();
		if (json()) {
			Map<String, Object> document = new LinkedHashMap<>();
			document.put("valid", report.isValid());
			document.put("problems", report.problems());
			this.out.println(Json.write(document));
			return report.isValid() ? 0 : 1;
		}
		if (report.isValid()) {
			this.out.println("Valid: every database agrees with the application.");
			return 0;
		}
		for (ValidationReport.Problem problem : report.problems()) {
			this.out.println("Database '" + problem.database() + "': " + problem.kind() + " "
					+ ((problem.migration() != null) ? problem.migration() + " (" + problem.script() + ") " : "")
					+ problem.message() + "\n  fix: " + problem.fix());
		}
		this.err.println("clickhouse-migrations validate failed: " + report.problems().size() + " problem"
				+ ((report.problems().size() == 1) ? "" : "s"));
		return 1;
	}

	private void printDryRun(DryRunReport report) {
		if (json()) {
			this.out.println(Json.write(report));
			return;
		}
		report.databases().forEach((database, script) -> {
			this.out.println("-- Database '" + database + "': " + (script.isEmpty() ? "nothing to do" : script.size()
					+ " statements"));
			// Each statement ends with ';' but the one-line notes of Java steps.
			script.forEach((statement) -> this.out
				.println(statement + ((statement.startsWith("--") && !statement.contains("\n")) ? "" : ";")));
			this.out.println();
		});
	}

	// The statements that take what the module's migrations make to what it declares.
	private int diff() {
		String module = module("diff");
		List<SchemaChange> changes = schemaChanges(module);
		if (json()) {
			Map<String, Object> document = new LinkedHashMap<>();
			document.put("database", database());
			document.put("module", module);
			document.put("differences", changes);
			this.out.println(Json.write(document));
			return changes.isEmpty() ? 0 : 1;
		}
		if (changes.isEmpty()) {
			this.out.println("No difference");
			return 0;
		}
		for (SchemaChange change : changes) {
			this.out.println("-- " + change.object() + ": " + change.change());
			for (String statement : change.forward()) {
				// A statement that drops data is shown, never offered as is.
				this.out.println((change.drops() ? "-- drops data: " : "") + statement + ";");
			}
		}
		this.err.println("clickhouse-migrations diff: " + changes.size() + " difference"
				+ ((changes.size() == 1) ? "" : "s") + " between the migrations and the declared schema of module '"
				+ module + "'");
		return 1;
	}

	private List<SchemaChange> schemaChanges(String module) {
		return this.schemas.diff(database(), module);
	}

	// The migration that takes what the module's migrations make to what it declares, for review.
	private void generateFromSchema(String module) {
		List<SchemaChange> changes = schemaChanges(module);
		if (changes.isEmpty()) {
			this.out.println("No difference: the migrations of module '" + module + "' make its declared schema; "
					+ "nothing written.");
			return;
		}
		String description = (this.properties.getName() != null) ? this.properties.getName() : "schema changes";
		Path file = MigrationGenerator.generateSql(Path.of("").toAbsolutePath(), this.properties.getLocations().get(0),
				this.migrations.resolved(), module, description,
				SchemaMigration.render(description, module, changes, this.properties.isAllowDrop()));
		this.out.println("Wrote " + file + " (" + changes.size() + " change" + ((changes.size() == 1) ? "" : "s")
				+ "); review it, then start the application or run migrate");
		if (!this.properties.isAllowDrop() && changes.stream().anyMatch(SchemaChange::drops)) {
			this.err.println("clickhouse-migrations generate: statements that drop data are commented out in "
					+ file.getFileName() + "; uncomment them once reviewed, or use --clickhouse.migrations.allow-drop=true");
		}
	}

	// Adopts the history another tool kept: what it applied is recorded as applied here.
	private void importHistory() {
		String from = this.properties.getFrom();
		if (from == null || from.isBlank()) {
			throw new IllegalArgumentException("import needs --clickhouse.migrations.from=<flyway|golang-migrate|goose|"
					+ "dbmate|liquibase>");
		}
		String target = this.properties.getTarget();
		String module = (target == null || target.isBlank()) ? null : module("import");
		boolean dryRun = this.properties.isDryRun();
		List<String> lines = this.migrations.importHistory(database(), module, from, dryRun);
		this.out.println((dryRun ? "Would record " : "Recorded ") + lines.size() + " migration"
				+ ((lines.size() == 1) ? "" : "s") + " as applied by " + from + (dryRun ? "; nothing written (dry run)" : "")
				+ (lines.isEmpty() ? "." : ":"));
		lines.forEach((line) -> this.out.println("  " + line));
	}

	private void generate() {
		String module = module("generate");
		if (this.properties.getFrom() != null) {
			if (!this.properties.getFrom().equals("schema")) {
				throw new IllegalArgumentException("generate --clickhouse.migrations.from takes 'schema', not '"
						+ this.properties.getFrom() + "'");
			}
			generateFromSchema(module);
			return;
		}
		if (this.properties.getTemplate() != null) {
			String description = required(this.properties.getName(), "generate",
					"--clickhouse.migrations.name=<description>");
			Path file = MigrationGenerator.generateSql(Path.of("").toAbsolutePath(),
					this.properties.getLocations().get(0), this.migrations.resolved(), module, description,
					MigrationGenerator.Template.of(this.properties.getTemplate()).render(description));
			this.out.println("Wrote " + file + "; replace the names in it, then start the application or run migrate");
			return;
		}
		MigrationGenerator.Kind kind = MigrationGenerator.Kind.valueOf(this.properties.getType().toUpperCase(Locale.ROOT));
		Path file = MigrationGenerator.generate(Path.of("").toAbsolutePath(), this.properties.getLocations().get(0),
				this.migrations.resolved(), module, this.properties.getName(), kind);
		this.out.println("Wrote " + file);
	}

	private boolean json() {
		return this.properties.getOutput() == Output.JSON;
	}

	private static String required(String value, String command, String what) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(command + " needs " + what);
		}
		return value;
	}

	private String module(String command) {
		String target = this.properties.getTarget();
		if (target == null || target.isBlank()) {
			throw new IllegalArgumentException(command + " needs --clickhouse.migrations.target=<module>");
		}
		return target.contains(":") ? target.substring(0, target.indexOf(':')) : target.trim();
	}

	private MigrationKey target() {
		String target = this.properties.getTarget();
		return (target == null || target.isBlank()) ? null : MigrationKey.parse(target);
	}

	private static MigrationKey required(MigrationKey target, String command) {
		if (target == null) {
			throw new IllegalArgumentException(command + " needs --clickhouse.migrations.target=<module>:<version>");
		}
		return target;
	}

	private String database() {
		if (this.properties.getDatabase() != null) {
			return this.properties.getDatabase();
		}
		List<MigrationDatabase> databases = this.migrations.databases();
		if (databases.size() == 1) {
			return databases.get(0).name();
		}
		throw new IllegalArgumentException("several databases are configured; name one with "
				+ "--clickhouse.migrations.database=<name> (" + databases.stream().map(MigrationDatabase::name).toList()
				+ ")");
	}

}
