package org.clickhousemigrations.autoconfigure.command;

import java.util.ArrayList;
import java.util.List;


import com.jayway.jsonpath.JsonPath;
import org.clickhousemigrations.autoconfigure.MigrationApps;
import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.EmbeddedClickHouseExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lint command in a Spring Boot application against the embedded ClickHouse: the rules that ask
 * the server (old column types, views, TTLs, sizes, parsing), text, JSON and SARIF, exit codes,
 * suppressions, severities, and a migrate that lint stops before anything is written.
 */
@ExtendWith({ EmbeddedClickHouseExtension.class, OutputCaptureExtension.class })
class LintIT {

	private static final String LOCATION = "clickhouse.migrations.locations=classpath:db/it/lint";

	private EmbeddedClickHouse clickHouse;

	private String database;

	@BeforeEach
	void firstMigrationApplied(EmbeddedClickHouse clickHouse) {
		this.clickHouse = clickHouse;
		this.database = clickHouse.createDatabase("lint");
		command("migrate", "clickhouse.migrations.target=default:1");
		assertThat(MigrationApps.lastExit()).isZero();
	}

	@Test
	void textNamesEachFindingWithItsPlaceStatementAndFix(CapturedOutput output) {
		command("lint", "clickhouse.migrations.lint.rewrite-warning=1KB");
		assertThat(MigrationApps.lastExit()).isEqualTo(1);
		String out = output.getOut();
		assertThat(out).contains("error narrowing-type-change at default:2 (V2__risky.sql:6) on database 'default'\n"
				+ "    ALTER TABLE events MODIFY COLUMN n Int32\n"
				+ "  changes column n of events from Int64 to Int32: values beyond the range of Int32 wrap around\n")
			.contains("error drop-column at default:2 (V2__risky.sql:8)")
			.contains("error column-used-by-view at default:2 (V2__risky.sql:8)")
			.contains("changes column at of events (DROP COLUMN), which view by_day reads")
			.contains("warning consecutive-alters at default:2 (V2__risky.sql:8)")
			.contains("warning rewrite-cost at default:2 (V2__risky.sql:10)")
			.contains("this UPDATE rewrites about 1000 rows")
			.contains("error syntax at default:2 (V2__risky.sql:12)")
			.contains("warning shorter-ttl at default:2 (V2__risky.sql:14)")
			.contains("shortens the TTL of events from 90 days to 7 days")
			.contains("allowed drop-table at default:2 (V2__risky.sql:4): archived to object storage in 2025, "
					+ "nothing reads it\n")
			.contains("Lint: 4 errors, 5 warnings, 0 notes, 1 allowed");
		assertThat(out).doesNotContain("error drop-table");
		assertThat(output.getErr()).contains("clickhouse-migrations lint failed: 4 errors");
	}

	@Test
	void jsonAndSarifForCi(CapturedOutput output) {
		int before = output.getOut().length();
		command("lint", "clickhouse.migrations.output=json");
		String json = output.getOut().substring(before);
		List<String> rules = JsonPath.read(json, "$.findings[*].rule");
		assertThat(rules).containsExactly("narrowing-type-change", "drop-column", "column-used-by-view",
				"consecutive-alters", "consecutive-alters", "syntax", "shorter-ttl");
		assertThat((Integer) JsonPath.read(json, "$.errors")).isEqualTo(4);
		assertThat((String) JsonPath.read(json, "$.findings[0].severity")).isEqualTo("error");
		assertThat((Integer) JsonPath.read(json, "$.findings[0].line")).isEqualTo(6);
		assertThat((String) JsonPath.read(json, "$.suppressed[0].reason")).startsWith("archived to object storage");

		int start = output.getOut().length();
		command("lint", "clickhouse.migrations.output=sarif");
		String sarif = output.getOut().substring(start);
		assertThat((String) JsonPath.read(sarif, "$.version")).isEqualTo("2.1.0");
		assertThat((String) JsonPath.read(sarif, "$.runs[0].tool.driver.name")).isEqualTo("clickhouse-migrations");
		List<String> ruleIds = JsonPath.read(sarif, "$.runs[0].results[*].ruleId");
		assertThat(ruleIds).containsExactly("narrowing-type-change", "drop-column", "column-used-by-view",
				"consecutive-alters", "consecutive-alters", "syntax", "shorter-ttl", "drop-table");
		assertThat((String) JsonPath.read(sarif,
				"$.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri"))
			.isEqualTo("src/main/resources/db/it/lint/V2__risky.sql");
		assertThat((Integer) JsonPath.read(sarif, "$.runs[0].results[0].locations[0].physicalLocation.region.startLine"))
			.isEqualTo(6);
		assertThat((String) JsonPath.read(sarif, "$.runs[0].results[7].suppressions[0].kind")).isEqualTo("inSource");
	}

	@Test
	void severitiesFromConfigurationAndFailOnWarning(CapturedOutput output) {
		String[] quieter = { "clickhouse.migrations.lint.rules.narrowing-type-change=warning",
				"clickhouse.migrations.lint.rules.drop-column=warning",
				"clickhouse.migrations.lint.rules.column-used-by-view=info", "clickhouse.migrations.lint.rules.syntax=off" };
		command("lint", quieter);
		assertThat(MigrationApps.lastExit()).as(output.getErr()).isZero();
		assertThat(output.getOut()).contains("Lint: 0 errors, 5 warnings, 1 note, 1 allowed");
		String[] failOnWarning = List.of(List.of(quieter), List.of("clickhouse.migrations.lint.fail-on=warning"))
			.stream().flatMap(List::stream).toArray(String[]::new);
		command("lint", failOnWarning);
		assertThat(MigrationApps.lastExit()).isEqualTo(2);
	}

	@Test
	void aMigrateWithOnMigrateFailStopsBeforeAnythingIsWrittenAndValidateFails(CapturedOutput output) {
		String history = this.clickHouse.query("SELECT count() FROM " + this.database + ".clickhouse_migrations");
		command("migrate", "clickhouse.migrations.lint.on-migrate=fail");
		assertThat(MigrationApps.lastExit()).isEqualTo(1);
		assertThat(output.getErr()).contains("lint found 4 errors (clickhouse.migrations.lint.on-migrate=fail), nothing "
				+ "was run");
		assertThat(this.clickHouse.query("SELECT count() FROM " + this.database + ".clickhouse_migrations"))
			.isEqualTo(history);
		assertThat(this.clickHouse.query("SELECT type FROM system.columns WHERE database = '" + this.database
				+ "' AND table = 'events' AND name = 'n'").strip()).isEqualTo("Int64");
		assertThat(this.clickHouse.query("SELECT count() FROM system.tables WHERE database = '" + this.database
				+ "' AND name = 'archive'").strip()).isEqualTo("1");

		command("validate");
		assertThat(MigrationApps.lastExit()).isEqualTo(1);
		assertThat(output.getOut()).contains("Database 'default': LINT default:2 (V2__risky.sql:6) narrowing-type-change: "
				+ "changes column n of events from Int64 to Int32");
	}

	@Test
	void dryRunShowsTheFindingsAboveTheStatements(CapturedOutput output) {
		command("dry-run");
		assertThat(MigrationApps.lastExit()).isZero();
		assertThat(output.getOut()).contains("-- lint error narrowing-type-change on database 'default' at default:2 "
				+ "(V2__risky.sql:6): changes column n of events from Int64 to Int32");
		assertThat(output.getOut().indexOf("-- lint error")).isLessThan(output.getOut().indexOf("ALTER TABLE events"));
	}

	private void command(String command, String... extra) {
		List<String> properties = new ArrayList<>(List.of(LOCATION, "clickhouse.migrations.command=" + command));
		properties.addAll(List.of(extra));
		MigrationApps.run(this.clickHouse, this.database, false, properties.toArray(String[]::new)).close();
	}
}
