package org.clickhousemigrations.engine;

import java.time.Clock;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.MigrationInfo;
import org.clickhousemigrations.model.MigrationState;
import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.FaultProxy;
import org.clickhousemigrations.test.EmbeddedClickHouseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** Answers that never reach the application: each statement still takes effect once, without human help. */
@ExtendWith(EmbeddedClickHouseExtension.class)
class LostAnswerIT {

	@Test
	void lostAnswersOfACreateTableAnInsertAndAnAlterUpdateAreLookedUpNotSentAgain(EmbeddedClickHouse clickHouse)
			throws Exception {
		String database = clickHouse.createDatabase("lost");
		try (FaultProxy proxy = new FaultProxy(clickHouse.httpUrl())) {
			// CREATE TABLE (a second run would fail: the table exists), INSERT (a second run doubles
			// the rows) and ALTER UPDATE (a second run appends 'b' twice).
			proxy.loseAnswers(1, 2, 3);
			ClickHouseMigrations migrations = CrashMain.migrations(proxy.jdbcUrl(database), "classpath:db/lost",
					Clock.systemUTC());
			migrations.migrate();
			assertThat(proxy.statements()).hasSize(3).allMatch((queryId) -> queryId.endsWith("_a1"));
			assertThat(migrations.info("main").migrations()).map(MigrationInfo::state)
				.containsExactly(MigrationState.APPLIED, MigrationState.APPLIED, MigrationState.APPLIED);
		}
		assertThat(clickHouse.query("SELECT count(), countIf(v = 'ab') FROM " + database + ".t")).isEqualTo("10\t10\n");
	}

	@Test
	void statementThatOutlivesTheSocketTimeoutIsWaitedForNotSentAgain(EmbeddedClickHouse clickHouse) {
		String database = clickHouse.createDatabase("slow");
		ClickHouseMigrations migrations = CrashMain.migrations(clickHouse.jdbcUrl(database) + "?socket_timeout=1000",
				"classpath:db/slow", Clock.systemUTC());
		migrations.migrate();
		assertThat(clickHouse.query("SELECT count() FROM " + database + ".slow")).isEqualTo("3\n");
		clickHouse.query("SYSTEM FLUSH LOGS");
		// Sends of the statement carry the library's query ids (lint's parsing of its text does not).
		assertThat(clickHouse.query("SELECT count() FROM system.query_log WHERE type = 'QueryStart' AND current_database = '"
				+ database + "' AND query LIKE '%INSERT INTO slow SELECT%' AND startsWith(query_id, 'chm_')"))
			.as("sent once")
			.isEqualTo("1\n");
		assertThat(migrations.info("main").migrations()).map(MigrationInfo::state)
			.containsExactly(MigrationState.APPLIED);
	}

}
