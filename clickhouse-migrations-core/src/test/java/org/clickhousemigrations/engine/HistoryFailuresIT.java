package org.clickhousemigrations.engine;

import java.time.Clock;
import java.util.List;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.DatabaseReport;
import org.clickhousemigrations.ValidationReport;
import org.clickhousemigrations.model.DatabaseStatus;
import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.EmbeddedClickHouseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Histories that cannot be read as they are, or were written by the first version. */
@ExtendWith(EmbeddedClickHouseExtension.class)
class HistoryFailuresIT {

	@Test
	void unreadableRowMakesTheDatabaseInvalidNamingTheRow(EmbeddedClickHouse clickHouse) {
		String database = clickHouse.createDatabase("bad_row");
		ClickHouseMigrations migrations = CrashMain.migrations(clickHouse.jdbcUrl(database), "classpath:db/lost",
				Clock.systemUTC());
		migrations.migrate();
		clickHouse.query("INSERT INTO " + database + ".clickhouse_migrations (module, version, type, event, sequence) "
				+ "VALUES ('default', '7', 'SQL', 'TELEPORTED', 99)");
		DatabaseReport report = migrations.info("main");
		assertThat(report.status()).isEqualTo(DatabaseStatus.INVALID);
		assertThat(report.error()).contains("module 'default', version '7', event 'TELEPORTED'");
		assertThat(migrations.validate().problems()).singleElement()
			.extracting(ValidationReport.Problem::kind)
			.isEqualTo(ValidationReport.Kind.INVALID_HISTORY);
		assertThatExceptionOfType(ClickHouseMigrationException.class).isThrownBy(migrations::migrate)
			.withMessageContaining("event 'TELEPORTED'");
	}

	@Test
	void historyOfTheFirstVersionIsReadAndGetsItsSequenceOnTheNextWrite(EmbeddedClickHouse clickHouse) {
		String database = clickHouse.createDatabase("old_history");
		clickHouse.query("CREATE TABLE " + database + ".clickhouse_migrations (module String, version String, "
				+ "description String, type LowCardinality(String), script String, checksum String, event "
				+ "LowCardinality(String), statements_done UInt32, statements_total UInt32, progress_checksum String, "
				+ "installed_by String, installed_on DateTime64(3, 'UTC'), execution_time_ms UInt64, error String, "
				+ "event_time DateTime64(6, 'UTC')) ENGINE = MergeTree ORDER BY (module, version, event_time)");
		ClickHouseMigrations migrations = CrashMain.migrations(clickHouse.jdbcUrl(database), "classpath:db/lost",
				Clock.systemUTC());
		String checksum = migrations.resolved().get(0).checksum();
		clickHouse.query("CREATE TABLE " + database + ".t (id UInt32, v String) ENGINE = MergeTree ORDER BY id");
		clickHouse.query("INSERT INTO " + database + ".clickhouse_migrations VALUES ('default', '1', 'Create', 'SQL', "
				+ "'V1__create.sql', '" + checksum + "', 'REPAIRED', 1, 1, '', 'default', now64(3), 1, '', now64(6))");
		assertThat(migrations.info("main").migrations()).map((info) -> info.state().name())
			.containsExactly("APPLIED", "PENDING", "PENDING");
		migrations.migrate();
		assertThat(migrations.info("main").status()).isEqualTo(DatabaseStatus.UP_TO_DATE);
		assertThat(clickHouse.query("SELECT event, sequence FROM " + database
				+ ".clickhouse_migrations ORDER BY sequence, event_time")).isEqualTo(String.join("\n",
						List.of("REPAIRED\t0", "PROGRESS\t1", "APPLIED\t2", "PROGRESS\t3", "APPLIED\t4")) + "\n");
	}

}
