package org.clickhousemigrations.engine;

import java.time.Clock;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.EmbeddedClickHouseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** A migration file means what ClickHouse makes of it. */
@ExtendWith(EmbeddedClickHouseExtension.class)
class FileSemanticsIT {

	@Test
	void inlineDataEndsAtTheEmptyLineAndTheStatementAfterItRuns(EmbeddedClickHouse clickHouse) {
		String database = migrate(clickHouse, "inline");
		assertThat(clickHouse.query("EXISTS TABLE " + database + ".audit")).isEqualTo("1\n");
		assertThat(clickHouse.query("SELECT s FROM " + database + ".notes")).isEqualTo("hello\n");
	}

	@Test
	void setInAFileReachesTheStatementsAfterIt(EmbeddedClickHouse clickHouse) {
		String database = migrate(clickHouse, "settings");
		assertThat(clickHouse.query("SELECT v FROM " + database + ".s")).isEqualTo("3\n");
	}

	private static String migrate(EmbeddedClickHouse clickHouse, String prefix) {
		String database = clickHouse.createDatabase(prefix);
		ClickHouseMigrations migrations = CrashMain.migrations(clickHouse.jdbcUrl(database), "classpath:db/lexed",
				Clock.systemUTC());
		migrations.migrate();
		return database;
	}

}
