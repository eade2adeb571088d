package org.clickhousemigrations.plan;

import java.util.List;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.fake.Migrations;
import org.clickhousemigrations.history.ToolHistory;
import org.clickhousemigrations.history.ToolHistory.Tool;
import org.clickhousemigrations.plan.ImportPlanner.Adoption;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ImportPlannerTests {

	private final List<ResolvedMigration> module = List.of(Migrations.sql("a:1", "SELECT 1"),
			Migrations.sql("a:2", "SELECT 2"), Migrations.sql("a:10", "SELECT 10"));

	@Test
	void golangMigrateAppliedEverythingUpToItsVersionComparedAsNumbers() {
		Adoption adoption = ImportPlanner.plan("db", "a", new ToolHistory(Tool.GOLANG_MIGRATE, List.of(), "0002", null,
				List.of()), this.module);
		assertThat(adoption.applied()).map((migration) -> migration.key().toString()).containsExactly("a:1", "a:2");
		assertThat(adoption.baseline()).isNull();
	}

	@Test
	void versionsInRunOrderWhateverTheOrderTheToolKept() {
		Adoption adoption = ImportPlanner.plan("db", "a",
				new ToolHistory(Tool.GOOSE, List.of("10", "1"), null, null, List.of()), this.module);
		assertThat(adoption.applied()).map((migration) -> migration.key().toString()).containsExactly("a:1", "a:10");
	}

	@Test
	void aFlywayBaselineIsRecordedAsOne() {
		Adoption adoption = ImportPlanner.plan("db", "a",
				new ToolHistory(Tool.FLYWAY, List.of("10"), null, "2", List.of()), this.module);
		assertThat(adoption.baseline().key()).hasToString("a:2");
		assertThat(adoption.applied()).map((migration) -> migration.key().toString()).containsExactly("a:10");
	}

	@Test
	void liquibaseFilesMatchByName() {
		Adoption adoption = ImportPlanner.plan("db", "a",
				new ToolHistory(Tool.LIQUIBASE, List.of("classpath:/db/changelog/a:2.sql"), null, null, List.of()),
				this.module);
		assertThat(adoption.applied()).map((migration) -> migration.key().toString()).containsExactly("a:2");
	}

	@Test
	void everyProblemIsNamedAtOnce() {
		assertThatExceptionOfType(ClickHouseMigrationException.class)
			.isThrownBy(() -> ImportPlanner.plan("db", "a", new ToolHistory(Tool.FLYWAY, List.of("1", "7", "x"), null, "5",
					List.of("version 2 (V2__b.sql) failed")), this.module))
			.withMessage("Cannot import the history of flyway into database 'db'; nothing was written:\n"
					+ "  - version 2 (V2__b.sql) failed\n  - version 7 has no migration in module 'a'\n"
					+ "  - version x has no migration in module 'a'\n  - the baseline version 5 has no migration in "
					+ "module 'a'; baseline the module instead, at that version");
	}

}
