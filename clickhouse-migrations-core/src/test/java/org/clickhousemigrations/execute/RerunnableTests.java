package org.clickhousemigrations.execute;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.Operations;
import org.clickhousemigrations.sql.Placeholders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RerunnableTests {

	@ParameterizedTest
	@ValueSource(strings = { "CREATE TABLE IF NOT EXISTS t (x UInt8) ENGINE = Memory",
			"create materialized view if not exists mv TO t AS SELECT 1", "CREATE OR REPLACE VIEW v AS SELECT 1",
			"DROP TABLE IF EXISTS t", "ALTER TABLE t ADD COLUMN IF NOT EXISTS c UInt8",
			"ALTER TABLE `db`.`t` ON CLUSTER `main` DROP COLUMN IF EXISTS c",
			"ALTER TABLE t MODIFY COLUMN IF EXISTS c UInt16", "ALTER TABLE t ADD INDEX IF NOT EXISTS i c TYPE minmax GRANULARITY 1",
			"-- a comment\n/* and a block\n */ # and this\nCREATE TABLE IF NOT EXISTS t (x UInt8) ENGINE = Memory" })
	void statementsThatCanRunAgain(String sql) {
		assertThat(Rerunnable.test(MigrationStep.sql(sql), sql)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "CREATE TABLE t (x UInt8) ENGINE = Memory", "INSERT INTO t VALUES (1)",
			"ALTER TABLE t UPDATE x = 1 WHERE 1", "ALTER TABLE t ADD COLUMN c UInt8", "RENAME TABLE a TO b",
			"ALTER TABLE t ADD COLUMN IF NOT EXISTS c UInt8, ADD COLUMN d UInt8", "DROP TABLE t",
			"ALTER TABLE t DELETE WHERE x = 1", "-- CREATE TABLE IF NOT EXISTS t\nINSERT INTO t VALUES (1)" })
	void statementsThatCannot(String sql) {
		assertThat(Rerunnable.test(MigrationStep.sql(sql), sql)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "ON CLUSTER `main`" })
	void ddlHelpersRenderRerunnableStatements(String onCluster) {
		Placeholders placeholders = Placeholders.of("db", "main", onCluster, java.util.Map.of(), java.util.Map.of());
		for (var operation : java.util.List.of(Operations.createTable("t", "x UInt8", "Memory"),
				Operations.addColumn("t", "c", "UInt8"), Operations.dropColumn("t", "c"),
				Operations.renameColumn("t", "a", "b"), Operations.addIndex("t", "i", "c", "minmax", 1),
				Operations.createMaterializedView("mv", "t", "SELECT 1"), Operations.dropView("v"))) {
			String sql = placeholders.resolve(operation.forward().sql());
			assertThat(Rerunnable.test(operation.forward(), sql)).as(sql).isTrue();
		}
	}

}
