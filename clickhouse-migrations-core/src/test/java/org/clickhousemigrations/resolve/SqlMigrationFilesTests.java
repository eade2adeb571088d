package org.clickhousemigrations.resolve;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.ResolvedMigration;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;

import static org.assertj.core.api.Assertions.assertThat;

/** The files other tools write, read as those tools read them. */
class SqlMigrationFilesTests {

	private final List<String> problems = new ArrayList<>();

	@Test
	void golangMigrateUpAndDownFilesAreOneMigrationOrderedByNumber() {
		List<ResolvedMigration> migrations = read("m/10_add_index.up.sql", "ALTER TABLE t ADD INDEX i id TYPE minmax",
				"m/10_add_index.down.sql", "ALTER TABLE t DROP INDEX i", "m/9_create.up.sql",
				"CREATE TABLE t (id UInt8) ENGINE = MergeTree ORDER BY id;\nINSERT INTO t VALUES (1)",
				"m/9_create.down.sql", "DROP TABLE t;");
		assertThat(this.problems).isEmpty();
		assertThat(migrations).map((migration) -> migration.version().toString()).containsExactly("9", "10");
		assertThat(sql(migrations.get(0).steps())).containsExactly(
				"CREATE TABLE t (id UInt8) ENGINE = MergeTree ORDER BY id", "INSERT INTO t VALUES (1)");
		assertThat(sql(migrations.get(0).rollbackSteps().orElseThrow())).containsExactly("DROP TABLE t");
		assertThat(migrations.get(1).description()).isEqualTo("Add index");
		assertThat(migrations.get(1).script()).isEqualTo("m/10_add_index.up.sql");
	}

	@Test
	void gooseSectionsInAnyCaseAndStatementBlocksTakenWhole() {
		List<ResolvedMigration> migrations = read("m/001_create.sql", """
				-- a comment before the sections
				-- +goose up
				-- +goose NO TRANSACTION
				CREATE TABLE t (id UInt8) ENGINE = MergeTree ORDER BY id;
				-- +goose StatementBegin
				CREATE FUNCTION f AS (x) -> x + 1;
				-- +goose StatementEnd
				SELECT 1
				-- +goose Down
				DROP FUNCTION f;
				DROP TABLE t;
				""", "m/002_empty_down.sql", "-- +goose Up\nSELECT 2;\n-- +goose Down\n");
		assertThat(this.problems).isEmpty();
		assertThat(sql(migrations.get(0).steps())).containsExactly(
				"CREATE TABLE t (id UInt8) ENGINE = MergeTree ORDER BY id", "CREATE FUNCTION f AS (x) -> x + 1", "SELECT 1");
		assertThat(sql(migrations.get(0).rollbackSteps().orElseThrow())).containsExactly("DROP FUNCTION f",
				"DROP TABLE t");
		// An empty Down section undoes nothing: the rollback runs and does nothing, as goose's does.
		assertThat(migrations.get(1).rollbackSteps()).contains(List.of());
	}

	@Test
	void dbmateSections() {
		List<ResolvedMigration> migrations = read("m/20151129054053_create_users.sql", """
				-- migrate:up transaction:false
				CREATE TABLE users (id UInt64) ENGINE = MergeTree ORDER BY id;

				-- migrate:down
				DROP TABLE users;
				""");
		assertThat(this.problems).isEmpty();
		assertThat(migrations.get(0).version().toString()).isEqualTo("20151129054053");
		assertThat(sql(migrations.get(0).rollbackSteps().orElseThrow())).containsExactly("DROP TABLE users");
	}

	@Test
	void liquibaseChangeSetsEndStatementsAndRollBackNewestFirst() {
		List<ResolvedMigration> migrations = read("m/000001_init.sql", """
				--liquibase formatted sql
				--changeset ana:1
				--comment: a comment; with a semicolon
				CREATE TABLE a (id UInt8) ENGINE = MergeTree ORDER BY id
				--rollback DROP TABLE a;

				--changeset ana:2 splitStatements:false
				CREATE TABLE b (id UInt8) ENGINE = MergeTree ORDER BY id; SELECT 1;
				--rollback DROP TABLE b;
				--rollback SELECT 2;
				""");
		assertThat(this.problems).isEmpty();
		assertThat(sql(migrations.get(0).steps())).containsExactly(
				"--comment: a comment; with a semicolon\nCREATE TABLE a (id UInt8) ENGINE = MergeTree ORDER BY id",
				"CREATE TABLE b (id UInt8) ENGINE = MergeTree ORDER BY id; SELECT 1");
		assertThat(sql(migrations.get(0).rollbackSteps().orElseThrow())).containsExactly("DROP TABLE b", "SELECT 2",
				"DROP TABLE a");
	}

	@Test
	void aLiquibaseChangeSetWithoutRollbackLeavesTheFileWithoutOne() {
		List<ResolvedMigration> migrations = read("m/1_x.sql",
				"--liquibase formatted sql\n--changeset a:1\nSELECT 1;\n--changeset a:2\nSELECT 2;\n--rollback not required\n");
		assertThat(migrations.get(0).rollbackSteps()).isEmpty();
		assertThat(migrations.get(0).rollbackProblem()).isEqualTo("m/1_x.sql has no '--rollback' line in one of its change sets");
	}

	@Test
	void plainNumberedFilesWithOptionalDownFilesAndNoFinalSemicolon() {
		List<ResolvedMigration> migrations = read("m/2_b.sql", "SELECT 2", "m/10_c.sql", "SELECT 10;\n",
				"m/1_a.sql", "SELECT 1", "m/1_a.down.sql", "SELECT -1", "m/schema_3.sql", "SELECT 3");
		assertThat(this.problems).isEmpty();
		assertThat(migrations).map((migration) -> migration.version() + " " + migration.description())
			.containsExactly("1 A", "2 B", "3 Schema 3", "10 C");
		assertThat(sql(migrations.get(0).rollbackSteps().orElseThrow())).containsExactly("SELECT -1");
		assertThat(migrations.get(1).rollbackSteps()).isEmpty();
	}

	@Test
	void subFoldersOfAModuleOfAnotherToolAreNotReadAsThatToolDoesNot() {
		List<ResolvedMigration> migrations = read("m/1_a.sql", "SELECT 1", "m/orig/0001-a.sql", "SELECT 0");
		assertThat(this.problems).isEmpty();
		assertThat(migrations).map(ResolvedMigration::script).containsExactly("m/1_a.sql");
		// Flyway's files may stand in sub-folders.
		assertThat(read("m/V1__a.sql", "SELECT 1", "m/later/V2__b.sql", "SELECT 2"))
			.map(ResolvedMigration::script).containsExactly("m/V1__a.sql", "m/later/V2__b.sql");
	}

	@Test
	void flywayUndoFilesAreTheRollbackOfTheirVersion() {
		List<ResolvedMigration> migrations = read("m/V1__create.sql", "SELECT 1;", "m/U1__create.sql", "SELECT -1;");
		assertThat(this.problems).isEmpty();
		assertThat(sql(migrations.get(0).rollbackSteps().orElseThrow())).containsExactly("SELECT -1");
	}

	@Test
	void mixedFormatsTwoFilesForOneVersionAndOrphanDownFilesNameTheFiles() {
		read("m/1_a.up.sql", "SELECT 1", "m/2_b.sql", "-- +goose Up\nSELECT 2", "m/3_c.down.sql", "SELECT 3",
				"m/4_d.sql", "SELECT 4", "m/04_e.sql", "SELECT 4", "m/V5__f.sql", "SELECT 5;\n-- rollback\nSELECT 6;",
				"m/U5__f.sql", "SELECT 6");
		assertThat(this.problems).containsExactlyInAnyOrder(
				"Version m:4 is used twice: by m/04_e.sql and by m/4_d.sql. Give one of them the next free version.",
				"m/3_c.down.sql undoes version m:3, which has no migration file; add it or delete the file",
				"m/V5__f.sql: has a '-- rollback' section, and m/U5__f.sql undoes it too; keep one of them",
				"Module 'm' mixes formats: m/1_a.up.sql (golang-migrate <n>_<description>.up.sql), m/2_b.sql (goose), "
						+ "m/04_e.sql (<n>_<description>.sql), m/V5__f.sql (V<version>__<description>.sql). A module holds "
						+ "one format; move the files of the others into a module of their own, or rewrite them.");
	}

	@Test
	void badMarkersNameTheLine() {
		read("m/1_a.sql", "-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n", "m/2_b.sql",
				"-- +goose Up\n-- +goose Sideways\n", "m/3_c.sql", "SELECT 0;\n-- +goose Up\nSELECT 1;\n");
		assertThat(this.problems).containsExactly(
				"m/1_a.sql: the statement block that starts on line 2 has no end",
				"m/2_b.sql: line 2 is '-- +goose Sideways', which goose does not know: use Up, Down, StatementBegin, "
						+ "StatementEnd or NO TRANSACTION",
				"m/3_c.sql: line 1 comes before the section it belongs to");
	}

	private List<ResolvedMigration> read(String... pathsAndTexts) {
		Map<String, Resource> files = new TreeMap<>();
		for (int i = 0; i < pathsAndTexts.length; i += 2) {
			files.put(pathsAndTexts[i], new ByteArrayResource(pathsAndTexts[i + 1].getBytes(StandardCharsets.UTF_8)));
		}
		return SqlMigrationFiles.read("m", files, this.problems);
	}

	private static List<String> sql(List<MigrationStep> steps) {
		return steps.stream().map(MigrationStep::sql).toList();
	}

}
