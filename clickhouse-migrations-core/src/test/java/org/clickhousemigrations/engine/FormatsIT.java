package org.clickhousemigrations.engine;

import java.time.Clock;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.model.DatabaseStatus;
import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.EmbeddedClickHouseExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A module folder as each tool writes it applies, rolls back through its own down sections or
 * files, and applies again.
 */
@ExtendWith(EmbeddedClickHouseExtension.class)
class FormatsIT {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "golang | id,at,page", "goose | id,at,page", "dbmate | id,at,page",
			"liquibase | id,at,page", "plain | id,at,page,referrer", "flyway | id,at,page" })
	void appliesRollsBackAndAppliesAgain(String format, String columns, EmbeddedClickHouse clickHouse) {
		String database = clickHouse.createDatabase(format);
		ClickHouseMigrations migrations = CrashMain.migrations(clickHouse.jdbcUrl(database),
				"classpath:db/formats/" + format, Clock.systemUTC());
		migrations.migrate();
		assertThat(migrations.info("main").status()).isEqualTo(DatabaseStatus.UP_TO_DATE);
		assertThat(columns(clickHouse, database)).isEqualTo(columns);

		migrations.rollback("main", "app", "0");
		assertThat(clickHouse.query("SELECT count() FROM system.tables WHERE database = '" + database
				+ "' AND NOT startsWith(name, 'clickhouse_migrations')")).isEqualTo("0\n");
		assertThat(migrations.info("main").status()).isEqualTo(DatabaseStatus.PENDING);

		migrations.migrate();
		assertThat(columns(clickHouse, database)).isEqualTo(columns);
		assertThat(migrations.validate().isValid()).isTrue();
	}

	private static String columns(EmbeddedClickHouse clickHouse, String database) {
		return String.join(",", clickHouse.query("SELECT name FROM system.columns WHERE database = '" + database
				+ "' AND table = 'visits' ORDER BY position").strip().split("\n"));
	}

}
