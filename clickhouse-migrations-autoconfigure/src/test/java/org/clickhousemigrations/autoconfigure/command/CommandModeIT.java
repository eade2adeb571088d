package org.clickhousemigrations.autoconfigure.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;
import org.clickhousemigrations.autoconfigure.MigrationApps;
import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.EmbeddedClickHouseExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith({ EmbeddedClickHouseExtension.class, OutputCaptureExtension.class })
class CommandModeIT {

	@Test
	void statusPrintsATableAndMigratesNothing(EmbeddedClickHouse clickHouse, CapturedOutput output) {
		String database = clickHouse.createDatabase("status");
		try (ConfigurableApplicationContext context = MigrationApps.run(clickHouse, database, true,
				"clickhouse.migrations.locations=classpath:db/it/states", "clickhouse.migrations.command=status")) {
			assertThat(context).isNotInstanceOf(WebServerApplicationContext.class);
		}
		assertThat(MigrationApps.lastExit()).isZero();
		assertThat(output.getOut()).contains("Database 'default': PENDING")
			.contains("| Module  | Version | Description | Type | State   | Installed on |")
			.contains("| default | 5       | Step 5      | SQL  | PENDING |              |");
		assertThat(clickHouse.query("SELECT count() FROM system.tables WHERE database = '" + database + "'").trim())
			.isEqualTo("0");
	}

	@Test
	void migrateThenValidate(EmbeddedClickHouse clickHouse, CapturedOutput output) {
		String database = clickHouse.createDatabase("migrate");
		MigrationApps.run(clickHouse, database, true, "clickhouse.migrations.locations=classpath:db/it/states",
				"clickhouse.migrations.command=migrate", "clickhouse.migrations.target=default:3").close();
		assertThat(MigrationApps.lastExit()).isZero();
		assertThat(output.getOut()).contains("| default | 3       | Step 3      | SQL  | APPLIED |")
			.contains("| default | 4       | Step 4      | SQL  | PENDING |")
			.containsPattern("  Schema: snapshot 1 of \\S+Z, fingerprint [0-9a-f]{16}, \\d+ objects?, no drift\n");
		MigrationApps.run(clickHouse, database, true, "clickhouse.migrations.locations=classpath:db/it/states",
				"clickhouse.migrations.command=validate").close();
		assertThat(MigrationApps.lastExit()).isZero();
		assertThat(output.getOut()).contains("Valid: every database agrees with the application.");
	}

	@Test
	void failuresExitWithOneAndTheReason(EmbeddedClickHouse clickHouse, CapturedOutput output) {
		String database = clickHouse.createDatabase("failing");
		MigrationApps.run(clickHouse, database, true, "clickhouse.migrations.locations=classpath:db/it/states",
				"clickhouse.migrations.command=rollback").close();
		assertThat(MigrationApps.lastExit()).isEqualTo(1);
		assertThat(output.getErr()).contains(
				"clickhouse-migrations rollback failed: rollback needs --clickhouse.migrations.target=<module>:<version>");
		MigrationApps.run(clickHouse, database, true, "clickhouse.migrations.locations=classpath:db/it/states",
				"clickhouse.migrations.command=explode").close();
		assertThat(MigrationApps.lastExit()).isEqualTo(1);
		assertThat(output.getErr()).contains("unknown command 'explode'");
	}

	@Test
	void diffPrintsTheStatementsThatCloseTheGapAndExitsOne(EmbeddedClickHouse clickHouse, CapturedOutput output) {
		String database = clickHouse.createDatabase("diff");
		MigrationApps.run(clickHouse, database, true, "clickhouse.migrations.locations=classpath:db/it/declared",
				"clickhouse.migrations.command=diff", "clickhouse.migrations.target=shop").close();
		assertThat(MigrationApps.lastExit()).isEqualTo(1);
		assertThat(output.getOut()).contains("-- orders: column currency added")
			.contains("ALTER TABLE `orders` ADD COLUMN `currency` LowCardinality(String) DEFAULT 'EUR' AFTER `total`;");
		assertThat(output.getErr()).contains("clickhouse-migrations diff: 1 difference between the migrations and the "
				+ "declared schema of module 'shop'");
		// Nothing was written to the database: the comparison ran in scratch databases.
		assertThat(clickHouse.query("SELECT count() FROM system.tables WHERE database = '" + database + "'"))
			.isEqualTo("0\n");
	}

	@Test
	void generateFromSchemaWritesTheMigrationThatMakesTheDeclaredSchema(EmbeddedClickHouse clickHouse,
			CapturedOutput output, @TempDir Path root) throws IOException {
		Files.createDirectories(root.resolve("shop/schema"));
		Files.writeString(root.resolve("shop/V0001__create_orders.sql"),
				"CREATE TABLE orders (id UInt64, old String) ENGINE = MergeTree ORDER BY id;\n");
		Files.writeString(root.resolve("shop/schema/orders.sql"), "CREATE TABLE orders (id UInt64, "
				+ "currency LowCardinality(String) DEFAULT 'EUR' COMMENT 'ISO 4217') ENGINE = MergeTree ORDER BY id");
		String database = clickHouse.createDatabase("generated");
		String location = "clickhouse.migrations.locations=filesystem:" + root;
		MigrationApps.run(clickHouse, database, true, location, "clickhouse.migrations.command=generate",
				"clickhouse.migrations.target=shop", "clickhouse.migrations.from=schema",
				"clickhouse.migrations.name=add currency").close();
		assertThat(MigrationApps.lastExit()).isZero();
		Path generated = root.resolve("shop/V0002__add_currency.sql");
		assertThat(generated).content().startsWith("-- add currency\n")
			.contains("ALTER TABLE `orders` ADD COLUMN `currency` LowCardinality(String) DEFAULT 'EUR' COMMENT "
					+ "'ISO 4217' AFTER `id`;")
			.contains("-- WARNING: this drops data.")
			.contains("-- ALTER TABLE `orders` DROP COLUMN `old`;")
			.contains("-- rollback\n");
		assertThat(output.getErr()).contains("statements that drop data are commented out in V0002__add_currency.sql");
		// Reviewed as it is: applied, the migrations make the declared schema but for the column kept.
		MigrationApps.run(clickHouse, database, true, location, "clickhouse.migrations.command=migrate").close();
		assertThat(MigrationApps.lastExit()).isZero();
		MigrationApps.run(clickHouse, database, true, location, "clickhouse.migrations.command=diff",
				"clickhouse.migrations.target=shop").close();
		assertThat(output.getOut()).contains("-- orders: column old not declared");
		// And its rollback restores the schema before it.
		MigrationApps.run(clickHouse, database, true, location, "clickhouse.migrations.command=rollback",
				"clickhouse.migrations.target=shop:0001").close();
		assertThat(MigrationApps.lastExit()).isZero();
		assertThat(clickHouse.query("SELECT name FROM system.columns WHERE database = '" + database
				+ "' AND table = 'orders' ORDER BY position")).isEqualTo("id\nold\n");
	}

	@Test
	void rollbackDryRunAndImportOfAnotherToolsHistory(EmbeddedClickHouse clickHouse, CapturedOutput output,
			@TempDir Path root) throws IOException {
		// A module as golang-migrate writes it, read in place.
		Files.createDirectories(root.resolve("app"));
		Files.writeString(root.resolve("app/1_create.up.sql"), "CREATE TABLE t (id UInt8) ENGINE = MergeTree ORDER BY id");
		Files.writeString(root.resolve("app/1_create.down.sql"), "DROP TABLE t");
		Files.writeString(root.resolve("app/2_add_c.up.sql"), "ALTER TABLE t ADD COLUMN c String");
		Files.writeString(root.resolve("app/2_add_c.down.sql"), "ALTER TABLE t DROP COLUMN c");
		String database = clickHouse.createDatabase("adopted");
		String location = "clickhouse.migrations.locations=filesystem:" + root;
		MigrationApps.run(clickHouse, database, true, location, "clickhouse.migrations.command=migrate").close();
		assertThat(MigrationApps.lastExit()).isZero();

		MigrationApps.run(clickHouse, database, true, location, "clickhouse.migrations.command=rollback",
				"clickhouse.migrations.target=app:0", "clickhouse.migrations.dry-run=true").close();
		assertThat(MigrationApps.lastExit()).isZero();
		assertThat(output.getOut()).contains("ALTER TABLE t DROP COLUMN c;").contains("DROP TABLE t;");
		assertThat(clickHouse.query("SELECT name FROM system.columns WHERE database = '" + database
				+ "' AND table = 't' ORDER BY position")).as("nothing rolled back").isEqualTo("id\nc\n");

		// As if golang-migrate had applied them: its history instead of ours.
		clickHouse.query("DROP TABLE " + database + ".clickhouse_migrations");
		clickHouse.query("CREATE TABLE " + database + ".schema_migrations (version Int64, dirty UInt8, sequence UInt64) "
				+ "ENGINE = TinyLog");
		clickHouse.query("INSERT INTO " + database + ".schema_migrations VALUES (2, 0, 1)");
		MigrationApps.run(clickHouse, database, true, location, "clickhouse.migrations.command=import",
				"clickhouse.migrations.from=golang-migrate", "clickhouse.migrations.dry-run=true").close();
		assertThat(output.getOut()).contains("Would record 2 migrations as applied by golang-migrate; nothing written "
				+ "(dry run):\n  app:1 app/1_create.up.sql: applied by golang-migrate\n");
		MigrationApps.run(clickHouse, database, true, location, "clickhouse.migrations.command=import",
				"clickhouse.migrations.from=golang-migrate").close();
		assertThat(MigrationApps.lastExit()).isZero();
		assertThat(output.getOut()).contains("Recorded 2 migrations as applied by golang-migrate:");
		MigrationApps.run(clickHouse, database, true, location, "clickhouse.migrations.command=migrate").close();
		assertThat(MigrationApps.lastExit()).isZero();
		assertThat(output.getOut()).contains("| app    | 2       | Add c       | SQL  | APPLIED |");
	}

	@Test
	void standardOutputHoldsTheReportAloneAndLogsGoToStandardError(EmbeddedClickHouse clickHouse,
			CapturedOutput output) {
		String database = clickHouse.createDatabase("streams");
		String states = "clickhouse.migrations.locations=classpath:db/it/states";
		int out = output.getOut().length();
		int err = output.getErr().length();
		MigrationApps.run(clickHouse, database, true, states, "clickhouse.migrations.command=migrate").close();
		MigrationApps.run(clickHouse, database, true, states, "clickhouse.migrations.command=status").close();
		String report = output.getOut().substring(out);
		assertThat(report).contains("| default | 1       | Step 1").doesNotContain(" INFO ").doesNotContain("Started ")
			.doesNotContain("HikariPool");
		assertThat(report.lines()).allSatisfy((line) -> assertThat(line).doesNotMatch("^\\d{4}-\\d{2}-\\d{2}T.*"));
		assertThat(output.getErr().substring(err)).contains(" INFO ").contains("Database 'default' migrated");
	}

	@Test
	void jsonForCiWithNothingElseOnStandardOutput(EmbeddedClickHouse clickHouse, CapturedOutput output) {
		String database = clickHouse.createDatabase("json");
		String states = "clickhouse.migrations.locations=classpath:db/it/states";
		MigrationApps.run(clickHouse, database, true, states, "clickhouse.migrations.command=migrate",
				"clickhouse.migrations.target=default:2").close();
		int from = output.getOut().length();
		MigrationApps.run(clickHouse, database, true, states, "clickhouse.migrations.command=status",
				"clickhouse.migrations.output=json").close();
		assertThat(MigrationApps.lastExit()).isZero();
		Map<?, ?> status = (Map<?, ?>) json(output.getOut().substring(from));
		assertThat(status.get("summary")).isEqualTo(Map.of("PENDING", 1));
		Map<?, ?> defaultDatabase = (Map<?, ?>) ((Map<?, ?>) status.get("databases")).get("default");
		List<?> migrations = (List<?>) ((Map<?, ?>) ((Map<?, ?>) defaultDatabase.get("modules")).get("default"))
			.get("migrations");
		assertThat(migrations).hasSize(5);
		assertThat(((Map<?, ?>) migrations.get(0)).get("state")).isEqualTo("APPLIED");
		assertThat(((Map<?, ?>) migrations.get(4)).get("installedOn")).isNull();

		from = output.getOut().length();
		MigrationApps.run(clickHouse, database, true, states, "clickhouse.migrations.command=dry-run",
				"clickhouse.migrations.output=json").close();
		List<?> script = (List<?>) ((Map<?, ?>) ((Map<?, ?>) json(output.getOut().substring(from)))
			.get("databases")).get("default");
		assertThat(script).isNotEmpty().allSatisfy((statement) -> assertThat(statement).isInstanceOf(String.class));

		from = output.getOut().length();
		MigrationApps.run(clickHouse, database, true, states, "clickhouse.migrations.command=history",
				"clickhouse.migrations.output=json").close();
		Map<?, ?> history = (Map<?, ?>) json(output.getOut().substring(from));
		assertThat((List<?>) history.get("rows")).hasSize(2)
			.allSatisfy((row) -> assertThat(((Map<?, ?>) row).get("event")).isEqualTo("APPLIED"));

		from = output.getOut().length();
		clickHouse.query("ALTER TABLE " + database + ".t1 ADD COLUMN by_hand UInt8");
		MigrationApps.run(clickHouse, database, true, states, "clickhouse.migrations.command=validate",
				"clickhouse.migrations.output=json").close();
		assertThat(MigrationApps.lastExit()).isEqualTo(1);
		Map<?, ?> validation = (Map<?, ?>) json(output.getOut().substring(from));
		assertThat(validation.get("valid")).isEqualTo(false);
		assertThat(((Map<?, ?>) ((List<?>) validation.get("problems")).get(0)).get("kind")).isEqualTo("DRIFT");
	}

	// Spring Boot keeps logging.threshold.console as a system property: the applications started
	// after a JSON one in this JVM would log nothing on the console.
	@AfterEach
	void consoleLogsAgain() {
		System.clearProperty("CONSOLE_LOG_THRESHOLD");
	}

	@Test
	void aDryRunIsNeverARealRun(EmbeddedClickHouse clickHouse, CapturedOutput output) {
		String database = clickHouse.createDatabase("dry");
		String states = "clickhouse.migrations.locations=classpath:db/it/states";
		MigrationApps.run(clickHouse, database, true, states, "clickhouse.migrations.command=migrate",
				"clickhouse.migrations.dry-run=true").close();
		assertThat(MigrationApps.lastExit()).isZero();
		assertThat(output.getOut()).contains("CREATE TABLE IF NOT EXISTS t5 (id UInt8)");
		MigrationApps.run(clickHouse, database, true, states, "clickhouse.migrations.command=repair",
				"clickhouse.migrations.dry-run=true").close();
		assertThat(MigrationApps.lastExit()).isEqualTo(1);
		assertThat(output.getErr()).contains("repair has no dry run; leave out --clickhouse.migrations.dry-run");
		assertThat(clickHouse.query("SELECT count() FROM system.tables WHERE database = '" + database + "'"))
			.isEqualTo("0\n");
	}

	@Test
	void anUnknownKeyStopsACommandBeforeAnythingRuns(EmbeddedClickHouse clickHouse, CapturedOutput output) {
		String database = clickHouse.createDatabase("typo");
		MigrationApps.run(clickHouse, database, true, "clickhouse.migrations.locations=classpath:db/it/states",
				"clickhouse.migrations.command=migrate", "clickhouse.migrations.dryrun=true",
				"clickhouse.migrations.parallelsim=2").close();
		assertThat(MigrationApps.lastExit()).isEqualTo(1);
		assertThat(output.getErr()).contains("clickhouse-migrations migrate failed: unknown configuration keys "
				+ "clickhouse.migrations.dryrun (did you mean clickhouse.migrations.dry-run?), "
				+ "clickhouse.migrations.parallelsim (did you mean clickhouse.migrations.parallelism?); nothing was run");
		assertThat(clickHouse.query("SELECT count() FROM system.tables WHERE database = '" + database + "'"))
			.isEqualTo("0\n");
	}

	@Test
	void historyExportedFromOneDatabaseImportsIntoAnotherAndTheReportShowsEverything(EmbeddedClickHouse clickHouse,
			CapturedOutput output, @TempDir Path root) throws IOException {
		String states = "clickhouse.migrations.locations=classpath:db/it/states";
		String source = clickHouse.createDatabase("source");
		MigrationApps.run(clickHouse, source, true, states, "clickhouse.migrations.command=migrate").close();
		MigrationApps.run(clickHouse, source, true, states, "clickhouse.migrations.command=history").close();
		assertThat(output.getOut()).contains("History of database 'default', oldest first (5 rows)")
			.containsPattern("\\| \\d{4}-\\d{2}-\\d{2} [0-9:.]+ +\\| default \\| 1 +\\| APPLIED \\| 1/1 ");
		Path file = root.resolve("history.json");
		MigrationApps.run(clickHouse, source, true, states, "clickhouse.migrations.command=export",
				"clickhouse.migrations.file=" + file).close();
		assertThat(MigrationApps.lastExit()).isZero();

		// Another server's copy of the schema, without history: the import makes a boot run nothing.
		String copy = clickHouse.createDatabase("copy");
		for (int i = 1; i <= 5; i++) {
			clickHouse.query("CREATE TABLE " + copy + ".t" + i + " (id UInt8) ENGINE = MergeTree ORDER BY id");
		}
		MigrationApps.run(clickHouse, copy, true, states, "clickhouse.migrations.command=import",
				"clickhouse.migrations.from=" + file).close();
		assertThat(MigrationApps.lastExit()).isZero();
		assertThat(output.getOut()).contains("Wrote 5 history rows of database 'default' into database 'default':");
		MigrationApps.run(clickHouse, copy, true, states, "clickhouse.migrations.command=status").close();
		assertThat(output.getOut()).contains("Database 'default': UP_TO_DATE");
		MigrationApps.run(clickHouse, copy, true, states, "clickhouse.migrations.command=import",
				"clickhouse.migrations.from=" + file).close();
		assertThat(MigrationApps.lastExit()).isEqualTo(1);
		assertThat(output.getErr()).contains("has rows for 5 migrations already; nothing was written");

		Path report = root.resolve("report.html");
		MigrationApps.run(clickHouse, copy, true, states, "clickhouse.migrations.command=report",
				"clickhouse.migrations.file=" + report).close();
		assertThat(MigrationApps.lastExit()).isZero();
		assertThat(report).content().startsWith("<!DOCTYPE html>").contains("<h2 id=\"db-default\">default")
			.contains("Step 5").contains("<ol class=\"timeline\">").doesNotContain("<script").doesNotContain("http");
	}

	@Test
	void templatesWriteTheCommonShapesWithTheirRollback(EmbeddedClickHouse clickHouse, CapturedOutput output,
			@TempDir Path root) throws IOException {
		String database = clickHouse.createDatabase("templates");
		String location = "clickhouse.migrations.locations=filesystem:" + root;
		Files.createDirectories(root.resolve("shop"));
		MigrationApps.run(clickHouse, database, true, location, "clickhouse.migrations.command=generate",
				"clickhouse.migrations.target=shop", "clickhouse.migrations.template=new-table",
				"clickhouse.migrations.name=create my table").close();
		assertThat(MigrationApps.lastExit()).isZero();
		assertThat(root.resolve("shop/V0001__create_my_table.sql")).content().startsWith("-- create my table\n")
			.contains("CREATE TABLE IF NOT EXISTS my_table ${on_cluster}").contains("-- rollback\nDROP TABLE");
		// As written, the template runs and rolls back.
		MigrationApps.run(clickHouse, database, true, location, "clickhouse.migrations.command=migrate").close();
		assertThat(MigrationApps.lastExit()).isZero();
		MigrationApps.run(clickHouse, database, true, location, "clickhouse.migrations.command=rollback",
				"clickhouse.migrations.target=shop:0").close();
		assertThat(MigrationApps.lastExit()).isZero();
		MigrationApps.run(clickHouse, database, true, location, "clickhouse.migrations.command=generate",
				"clickhouse.migrations.target=shop", "clickhouse.migrations.template=sideways",
				"clickhouse.migrations.name=x").close();
		assertThat(output.getErr()).contains("There is no template 'sideways'; use one of [new-table, new-column, "
				+ "backfill, materialized-view]");
	}

	@Test
	void targetsThatDoNotExistFailBeforeAnythingRuns(EmbeddedClickHouse clickHouse, CapturedOutput output) {
		String database = clickHouse.createDatabase("targets");
		MigrationApps.run(clickHouse, database, true, "clickhouse.migrations.locations=classpath:db/it/states",
				"clickhouse.migrations.command=migrate").close();
		for (String command : new String[] { "rollback", "migrate", "dry-run" }) {
			MigrationApps.run(clickHouse, database, true, "clickhouse.migrations.locations=classpath:db/it/states",
					"clickhouse.migrations.command=" + command, "clickhouse.migrations.target=nope:0001").close();
			assertThat(MigrationApps.lastExit()).as(command).isEqualTo(1);
		}
		assertThat(output.getErr()).contains("There is no module 'nope' in database 'default'; its modules: [default]");
		MigrationApps.run(clickHouse, database, true, "clickhouse.migrations.locations=classpath:db/it/states",
				"clickhouse.migrations.command=rollback", "clickhouse.migrations.target=default:99").close();
		assertThat(MigrationApps.lastExit()).isEqualTo(1);
		assertThat(output.getErr()).contains("Module 'default' of database 'default' has no version 99");
		assertThat(clickHouse.query("SELECT countIf(event = 'ROLLED_BACK') FROM " + database + ".clickhouse_migrations"))
			.isEqualTo("0\n");
	}

	// What a command printed, read as JSON: objects as maps, arrays as lists.
	private static Object json(String text) {
		return JsonMapper.builder().build().readValue(text, Object.class);
	}

}
