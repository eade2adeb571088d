package org.clickhousemigrations.autoconfigure.command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.DryRunReport;
import org.clickhousemigrations.LintReport;
import org.clickhousemigrations.ValidationReport;
import org.clickhousemigrations.model.MigrationDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/** The command classes and their text and JSON output, without a server. */
class CommandsTests {

	private final ClickHouseMigrations migrations = mock(ClickHouseMigrations.class);

	private final CommandArguments arguments = new CommandArguments();

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private final List<Integer> exits = new java.util.ArrayList<>();

	@Test
	void everyVerbIsOfferedByTheConfigurationMetadata() throws Exception {
		String metadata = new ClassPathResource("META-INF/spring-configuration-metadata.json")
			.getContentAsString(StandardCharsets.UTF_8);
		List<String> hinted = JsonPath.read(metadata,
				"$.hints[?(@.name == 'clickhouse.migrations.command')].values[*].value");
		assertThat(hinted).containsExactlyElementsOf(Commands.ALL.stream().map(Command::verb).toList());
	}

	@Test
	void withoutACommandTheRunnerDoesNothingAndDoesNotExit() {
		// The beans exist without a command (an application processed ahead of time needs them).
		runner().onApplicationEvent(readyEvent());
		assertThat(this.exits).isEmpty();
		assertThat(out()).isEmpty();
		verifyNoInteractions(this.migrations);
	}

	@Test
	void anUnknownVerbNamesTheVerbsThereAre() {
		assertThatIllegalArgumentException().isThrownBy(() -> Commands.of("explode"))
			.withMessage("unknown command 'explode'; use one of status, migrate, validate, dry-run, lint, rollback, repair, "
					+ "baseline, generate, diff, import, history, export, report");
	}

	@Test
	void aDryRunOfACommandWithoutOneIsRefusedAndNothingRuns() {
		this.arguments.setDryRun(true);
		assertThat(run("repair")).isEqualTo(1);
		assertThat(err()).contains("clickhouse-migrations repair failed: repair has no dry run; leave out "
				+ "--clickhouse.migrations.dry-run (migrate, dry-run, rollback, import have one)");
		verify(this.migrations, never()).repair(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any());
	}

	@Test
	void dryRunPrintsEachStatementEndedAndTheNotesAsTheyAre() {
		given(this.migrations.dryRun(null)).willReturn(new DryRunReport(Map.of("main",
				List.of("-- if it fails after writing rows, the run stops (PARTIAL)", "INSERT INTO t VALUES (1)"))));
		assertThat(run("dry-run")).isZero();
		assertThat(out()).isEqualTo("-- Database 'main': 2 statements\n-- if it fails after writing rows, the run stops "
				+ "(PARTIAL)\nINSERT INTO t VALUES (1);\n\n");
	}

	@Test
	void validateExitsOneWithEachProblemAndItsFixOrJson() {
		given(this.migrations.validate()).willReturn(new ValidationReport(List.of(new ValidationReport.Problem("main",
				"a:1", "V1__a.sql", ValidationReport.Kind.FAILED, "failed at statement 2", "fix it and migrate"))));
		assertThat(run("validate")).isEqualTo(1);
		assertThat(out()).isEqualTo("Database 'main': FAILED a:1 (V1__a.sql) failed at statement 2\n  fix: fix it and "
				+ "migrate\n");
		this.out.reset();
		this.arguments.setOutput(CommandArguments.Output.JSON);
		assertThat(run("validate")).isEqualTo(1);
		assertThat((Boolean) JsonPath.read(out(), "$.valid")).isFalse();
		assertThat((String) JsonPath.read(out(), "$.problems[0].kind")).isEqualTo("FAILED");
	}

	@Test
	void lintExitsOneOnAnErrorTwoOnWarningsWhenAskedAndPassesTheTarget() {
		LintReport.Finding warning = new LintReport.Finding("consecutive-alters", LintReport.Severity.WARNING, "main",
				"a:2", "a/V2__x.sql", 3, "ALTER TABLE t ADD COLUMN c Int8", "alters t again", "write one ALTER", null);
		given(this.migrations.lint("a", "2")).willReturn(new LintReport(List.of(warning), List.of()));
		this.arguments.setTarget("a:2");
		assertThat(run("lint")).isZero();
		assertThat(out()).isEqualTo("warning consecutive-alters at a:2 (a/V2__x.sql:3) on database 'main'\n"
				+ "    ALTER TABLE t ADD COLUMN c Int8\n  alters t again\n  fix: write one ALTER\n"
				+ "Lint: 0 errors, 1 warning, 0 notes, 0 allowed\n");
		this.arguments.getLint().setFailOn(LintReport.Severity.WARNING);
		assertThat(run("lint")).isEqualTo(2);
		LintReport.Finding error = new LintReport.Finding("drop-table", LintReport.Severity.ERROR, "main", "a:2",
				"a/V2__x.sql", 5, "DROP TABLE t", "drops table t", "keep it", null);
		given(this.migrations.lint("a", null)).willReturn(new LintReport(List.of(warning, error), List.of()));
		this.arguments.setTarget("a");
		this.arguments.setOutput(CommandArguments.Output.SARIF);
		this.out.reset();
		assertThat(run("lint")).isEqualTo(1);
		assertThat((String) JsonPath.read(out(), "$.runs[0].results[1].locations[0].physicalLocation.artifactLocation.uri"))
			.isEqualTo("src/main/resources/db/clickhouse/a/V2__x.sql");
		assertThat((String) JsonPath.read(out(), "$.runs[0].results[1].level")).isEqualTo("error");
	}

	@Test
	void onlyLintWritesSarif() {
		this.arguments.setOutput(CommandArguments.Output.SARIF);
		assertThat(run("status")).isEqualTo(1);
		assertThat(err()).contains("status writes no SARIF");
	}

	@Test
	void commandsOnOneOfSeveralDatabasesNeedItsName() {
		given(this.migrations.databases()).willReturn(List.of(MigrationDatabase.of("a", null),
				MigrationDatabase.of("b", null)));
		assertThat(run("history")).isEqualTo(1);
		assertThat(err()).contains("several databases are configured; name one with "
				+ "--clickhouse.migrations.database=<name> ([a, b])");
	}

	private ClickHouseMigrationsCommandRunner runner() {
		return new ClickHouseMigrationsCommandRunner(this.migrations, null, this.arguments, "classpath:db/clickhouse",
				this.exits::add, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private int run(String verb) {
		this.arguments.setCommand(verb);
		runner().onApplicationEvent(readyEvent());
		return this.exits.get(this.exits.size() - 1);
	}

	private static org.springframework.boot.context.event.ApplicationReadyEvent readyEvent() {
		org.springframework.context.ConfigurableApplicationContext context = mock(
				org.springframework.context.ConfigurableApplicationContext.class);
		given(context.getEnvironment()).willReturn(new org.springframework.mock.env.MockEnvironment());
		return new org.springframework.boot.context.event.ApplicationReadyEvent(
				new org.springframework.boot.SpringApplication(), new String[0], context, java.time.Duration.ZERO);
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
