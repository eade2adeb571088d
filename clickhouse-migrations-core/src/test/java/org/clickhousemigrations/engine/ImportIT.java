package org.clickhousemigrations.engine;

import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.MigrationInfo;
import org.clickhousemigrations.model.DatabaseStatus;
import org.clickhousemigrations.model.HistoryEvent;
import org.clickhousemigrations.model.MigrationState;
import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.EmbeddedClickHouseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The history other tools kept, with their own tables as they create them on ClickHouse, imported:
 * afterwards a boot runs nothing. A failed or dirty history, or a version without a file, writes
 * nothing.
 */
@ExtendWith(EmbeddedClickHouseExtension.class)
class ImportIT {

	private static final String GOLANG_MIGRATE = "schema_migrations (version Int64, dirty UInt8, sequence UInt64) "
			+ "ENGINE = TinyLog";

	private static final String GOOSE = "goose_db_version (version_id Int64, is_applied UInt8, date Date DEFAULT now(), "
			+ "tstamp DateTime DEFAULT now()) ENGINE = MergeTree() ORDER BY (date)";

	private static final String DBMATE = "schema_migrations (version String, ts DateTime DEFAULT now(), applied UInt8 "
			+ "DEFAULT 1) ENGINE = ReplacingMergeTree(ts) PRIMARY KEY version ORDER BY version";

	private static final String LIQUIBASE = "DATABASECHANGELOG (ID String, AUTHOR String, FILENAME String, "
			+ "DATEEXECUTED DateTime64, ORDEREXECUTED UInt64, EXECTYPE String, MD5SUM Nullable(String)) "
			+ "ENGINE = MergeTree ORDER BY ID";

	private static final String FLYWAY = "flyway_schema_history (installed_rank Int32, version Nullable(String), "
			+ "description String, type String, script String, checksum Nullable(Int32), installed_by String, "
			+ "installed_on DateTime DEFAULT now(), execution_time Int32, success Bool) ENGINE = MergeTree ORDER BY "
			+ "installed_rank";

	/**
	 * Each tool's history as it keeps it: golang-migrate its current version, goose and dbmate a row
	 * per step, Liquibase a row per change set naming its file, Flyway a row per attempt.
	 */
	@ParameterizedTest(name = "{1}")
	@MethodSource("histories")
	void importedHistoryMakesABootRunNothing(String format, String tool, String table, String rows,
			EmbeddedClickHouse clickHouse) {
		String database = appliedByAnotherTool(clickHouse, format);
		toolHistory(clickHouse, database, table, rows);
		ClickHouseMigrations migrations = migrations(clickHouse, database, format);
		assertThat(migrations.info("main").status()).isEqualTo(DatabaseStatus.PENDING);
		assertThat(migrations.importHistory("main", null, tool, false)).hasSize(2);
		assertThat(migrations.info("main").status()).isEqualTo(DatabaseStatus.UP_TO_DATE);
		assertThat(migrations.info("main").migrations()).allSatisfy((info) -> {
			assertThat(info.state()).isEqualTo(MigrationState.APPLIED);
			assertThat(info.applied().event()).isEqualTo(HistoryEvent.IMPORTED);
		});
		// A boot runs nothing: a CREATE TABLE run again would fail, the table being there.
		migrations.migrate();
		assertThat(migrations.info("main").migrations()).allSatisfy(
				(info) -> assertThat(info.applied().event()).isEqualTo(HistoryEvent.IMPORTED));
		assertThatExceptionOfType(ClickHouseMigrationException.class)
			.isThrownBy(() -> migrations.importHistory("main", "app", tool, false))
			.withMessageContaining("its history has [app:");
	}

	static Stream<Arguments> histories() {
		return Stream.of(
				Arguments.of("golang", "golang-migrate", GOLANG_MIGRATE, "schema_migrations VALUES (1, 0, 1), (2, 0, 2)"),
				Arguments.of("goose", "goose", GOOSE,
						"goose_db_version (version_id, is_applied) VALUES (0, 1), (1, 1), (2, 1)"),
				Arguments.of("dbmate", "dbmate", DBMATE,
						"schema_migrations (version) VALUES ('20240101000000'), ('20240201000000')"),
				Arguments.of("liquibase", "liquibase", LIQUIBASE, "DATABASECHANGELOG VALUES "
						+ "('create_visits', 'ana', 'db/changelog/app/000001_create_visits.sql', now(), 1, 'EXECUTED', NULL), "
						+ "('seed_visits', 'ana', 'db/changelog/app/000001_create_visits.sql', now(), 2, 'EXECUTED', NULL), "
						+ "('add_page', 'bo', 'db/changelog/app/000002_add_page.sql', now(), 3, 'EXECUTED', NULL)"),
				Arguments.of("flyway", "flyway", FLYWAY, "flyway_schema_history VALUES "
						+ "(1, '1', 'create visits', 'SQL', 'V1__create_visits.sql', 1, 'u', now(), 1, 1), "
						+ "(2, '2', 'add page', 'SQL', 'V2__add_page.sql', 1, 'u', now(), 1, 1)"));
	}

	@Test
	void aDirtyOrFailedHistoryOrAVersionWithoutFileWritesNothing(EmbeddedClickHouse clickHouse) {
		String dirty = appliedByAnotherTool(clickHouse, "golang");
		toolHistory(clickHouse, dirty, GOLANG_MIGRATE, "schema_migrations VALUES (2, 1, 1)");
		assertRefused(clickHouse, dirty, "golang", "golang-migrate", "version 2 is dirty: it stopped half way");

		String failed = appliedByAnotherTool(clickHouse, "flyway");
		toolHistory(clickHouse, failed, FLYWAY, "flyway_schema_history VALUES "
				+ "(1, '1', 'create visits', 'SQL', 'V1__create_visits.sql', 1, 'u', now(), 1, 1), "
				+ "(2, '2', 'add page', 'SQL', 'V2__add_page.sql', 1, 'u', now(), 1, 0)");
		assertRefused(clickHouse, failed, "flyway", "flyway", "version 2 (V2__add_page.sql) failed");

		String unknown = appliedByAnotherTool(clickHouse, "goose");
		toolHistory(clickHouse, unknown, GOOSE,
				"goose_db_version (version_id, is_applied) VALUES (1, 1), (2, 1), (3, 1)");
		assertRefused(clickHouse, unknown, "goose", "goose", "version 3 has no migration in module 'app'");
	}

	@Test
	void dryRunSaysWhatItWouldRecordAndWritesNothing(EmbeddedClickHouse clickHouse) {
		String database = appliedByAnotherTool(clickHouse, "flyway");
		toolHistory(clickHouse, database, FLYWAY, "flyway_schema_history VALUES "
				+ "(1, '1', 'create visits', 'SQL', 'V1__create_visits.sql', 1, 'u', now(), 1, 1)");
		ClickHouseMigrations migrations = migrations(clickHouse, database, "flyway");
		assertThat(migrations.importHistory("main", null, "flyway", true))
			.containsExactly("app:1 app/V1__create_visits.sql: applied by flyway");
		assertThat(migrations.info("main").migrations()).map(MigrationInfo::state)
			.containsOnly(MigrationState.PENDING);
	}

	// The module's migrations applied by this library, its own history then dropped: as if another
	// tool had applied them.
	private static String appliedByAnotherTool(EmbeddedClickHouse clickHouse, String format) {
		String database = clickHouse.createDatabase(format);
		migrations(clickHouse, database, format).migrate();
		for (String table : List.of("clickhouse_migrations", "clickhouse_migrations_lock", "clickhouse_migrations_schema")) {
			clickHouse.query("DROP TABLE IF EXISTS " + database + "." + table);
		}
		return database;
	}

	private static void assertRefused(EmbeddedClickHouse clickHouse, String database, String format, String tool,
			String problem) {
		ClickHouseMigrations migrations = migrations(clickHouse, database, format);
		assertThatExceptionOfType(ClickHouseMigrationException.class)
			.isThrownBy(() -> migrations.importHistory("main", "app", tool, false))
			.withMessageContaining("nothing was written:\n  - " + problem);
		assertThat(clickHouse.query("EXISTS TABLE " + database + ".clickhouse_migrations")).isEqualTo("0\n");
	}

	// A tool's history table as the tool creates it on ClickHouse, with rows as it writes them.
	private static void toolHistory(EmbeddedClickHouse clickHouse, String database, String table, String insert) {
		clickHouse.query("CREATE TABLE " + database + "." + table);
		clickHouse.query("INSERT INTO " + database + "." + insert);
	}

	private static ClickHouseMigrations migrations(EmbeddedClickHouse clickHouse, String database, String format) {
		return CrashMain.migrations(clickHouse.jdbcUrl(database), "classpath:db/formats/" + format, Clock.systemUTC());
	}

}
