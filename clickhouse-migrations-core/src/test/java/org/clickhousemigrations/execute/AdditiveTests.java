package org.clickhousemigrations.execute;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.Operations;
import org.clickhousemigrations.sql.Placeholders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class AdditiveTests {

	@ParameterizedTest
	@ValueSource(strings = { "CREATE TABLE IF NOT EXISTS t (x UInt8) ENGINE = Memory",
			"create materialized view if not exists mv TO t AS SELECT 1", "CREATE VIEW IF NOT EXISTS v AS SELECT 1",
			"CREATE DATABASE IF NOT EXISTS d", "ALTER TABLE t ADD COLUMN IF NOT EXISTS c UInt8",
			"ALTER TABLE `db`.`t` ON CLUSTER `main` ADD INDEX IF NOT EXISTS i c TYPE minmax GRANULARITY 1",
			"ALTER TABLE t ADD PROJECTION IF NOT EXISTS p (SELECT x ORDER BY x)",
			"ALTER TABLE t ADD CONSTRAINT IF NOT EXISTS c CHECK x > 0",
			"-- a comment\n/* and a block\n */ # and this\nCREATE TABLE IF NOT EXISTS t (x UInt8) ENGINE = Memory" })
	void additiveStatementsGoWithoutARow(String sql) {
		assertThat(Additive.test(MigrationStep.sql(sql), sql)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "CREATE TABLE t (x UInt8) ENGINE = Memory", "INSERT INTO t VALUES (1)",
			"ALTER TABLE t UPDATE x = 1 WHERE 1", "ALTER TABLE t ADD COLUMN c UInt8", "RENAME TABLE a TO b",
			"ALTER TABLE t ADD COLUMN IF NOT EXISTS c UInt8, ADD COLUMN d UInt8", "DROP TABLE t",
			"ALTER TABLE t DELETE WHERE x = 1", "-- CREATE TABLE IF NOT EXISTS t\nINSERT INTO t VALUES (1)",
			// Look safe to replay, but are not after a later statement of the same unrecorded run.
			"DROP TABLE IF EXISTS t", "ALTER TABLE t DROP COLUMN IF EXISTS c",
			"ALTER TABLE t RENAME COLUMN IF EXISTS a TO b", "ALTER TABLE t MODIFY COLUMN IF EXISTS c UInt16",
			"ALTER TABLE t CLEAR COLUMN IF EXISTS c", "CREATE OR REPLACE VIEW v AS SELECT 1",
			"EXCHANGE TABLES a AND b", "ALTER TABLE t MODIFY TTL d + INTERVAL 1 DAY",
			"ALTER TABLE t MODIFY SETTING index_granularity = 8192", "ALTER TABLE t MODIFY COMMENT 'x'",
			// Fill a table for as long as they run.
			"CREATE TABLE IF NOT EXISTS t ENGINE = MergeTree ORDER BY x AS SELECT 1 AS x",
			"CREATE TABLE IF NOT EXISTS t ENGINE = MergeTree ORDER BY x AS (WITH 1 AS y SELECT y AS x)",
			"CREATE MATERIALIZED VIEW IF NOT EXISTS mv ENGINE = MergeTree ORDER BY x POPULATE AS SELECT 1 AS x" })
	void everythingElseIsBracketed(String sql) {
		assertThat(Additive.test(MigrationStep.sql(sql), sql)).isFalse();
	}

	@Test
	void javaStepsAreBracketed() {
		assertThat(Additive.test(MigrationStep.java((context) -> {
		}, "code"), null)).isFalse();
	}

	@Test
	void additiveDdlHelpersRenderAdditiveStatements() {
		for (String onCluster : new String[] { "", "ON CLUSTER `main`" }) {
			Placeholders placeholders = Placeholders.of("db", "main", onCluster, java.util.Map.of(), java.util.Map.of(),
					java.util.Set.of());
			for (var operation : java.util.List.of(Operations.createTable("t", "x UInt8", "Memory"),
					Operations.addColumn("t", "c", "UInt8"), Operations.addIndex("t", "i", "c", "minmax", 1),
					Operations.createView("v", "SELECT 1"), Operations.createMaterializedView("mv", "t", "SELECT 1"))) {
				String sql = placeholders.resolve(operation.forward().sql());
				assertThat(Additive.test(operation.forward(), sql)).as(sql).isTrue();
			}
		}
	}

}
