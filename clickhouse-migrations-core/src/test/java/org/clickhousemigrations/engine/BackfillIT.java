package org.clickhousemigrations.engine;

import java.time.Clock;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.EmbeddedClickHouseExtension;
import org.clickhousemigrations.test.FaultProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A backfill on the embedded ClickHouse: one INSERT per month of the source, each one block, the
 * view on the target fed once per row; a chunk whose answer is lost is looked up, not sent again;
 * a run stopped at a chunk goes on with the chunks that did not finish.
 */
@ExtendWith(EmbeddedClickHouseExtension.class)
class BackfillIT {

	@Test
	void copiesMonthByMonthEachRowOnceAndTheViewCountsEachOnce(EmbeddedClickHouse clickHouse) {
		String database = clickHouse.createDatabase("backfill");
		CrashMain.migrations(clickHouse.jdbcUrl(database), "classpath:db/backfill", Clock.systemUTC()).migrate();
		assertExactlyOnce(clickHouse, database);
		clickHouse.query("SYSTEM FLUSH LOGS");
		// 100,000 rows 150 s apart: 2026-01-01 to 2026-06-23, six months, six chunks (each row of the
		// view's target is counted as written too: one per chunk).
		assertThat(clickHouse.query("SELECT count(), sum(written_rows) FROM system.query_log WHERE type = 'QueryFinish' "
				+ "AND current_database = '" + database + "' AND match(query_id, '_c[0-9a-f]{16}$')"))
			.isEqualTo("6\t100006\n");
		// Each chunk one block: one part per chunk, and the month's rows all in it.
		assertThat(clickHouse.query("SELECT count() FROM system.parts WHERE database = '" + database
				+ "' AND table = 'events_copy' AND active AND level = 0")).isEqualTo("6\n");
	}

	@Test
	void lostAnswersOfChunksAreLookedUpNotSentAgain(EmbeddedClickHouse clickHouse) throws Exception {
		String database = clickHouse.createDatabase("backfill_lost");
		try (FaultProxy proxy = new FaultProxy(clickHouse.httpUrl())) {
			// Statements 1-5 are the first migration; 6 to 11 the chunks.
			proxy.loseAnswers(6, 8, 11);
			CrashMain.migrations(proxy.jdbcUrl(database), "classpath:db/backfill", Clock.systemUTC()).migrate();
			assertThat(proxy.statements().stream().filter((id) -> id.matches(".*_c[0-9a-f]{16}"))).hasSize(6);
		}
		assertExactlyOnce(clickHouse, database);
	}

	@Test
	void aRunStoppedAtAChunkGoesOnWithTheChunksThatDidNotFinish(EmbeddedClickHouse clickHouse) throws Exception {
		String database = clickHouse.createDatabase("backfill_stop");
		try (FaultProxy proxy = new FaultProxy(clickHouse.httpUrl())) {
			// Chunk 3 fails as a statement that cannot run fails.
			proxy.refuse(8, 60, "UNKNOWN_TABLE");
			ClickHouseMigrations migrations = CrashMain.migrations(proxy.jdbcUrl(database), "classpath:db/backfill",
					Clock.systemUTC());
			assertThatException().isThrownBy(migrations::migrate);
		}
		// Chunks go two at once: which ones finished before the refusal varies, how many is in the log.
		clickHouse.query("SYSTEM FLUSH LOGS");
		int finished = Integer.parseInt(clickHouse.query("SELECT count() FROM system.query_log WHERE type = "
				+ "'QueryFinish' AND current_database = '" + database + "' AND match(query_id, '_c[0-9a-f]{16}$')").strip());
		assertThat(finished).isBetween(2, 5);
		try (FaultProxy proxy = new FaultProxy(clickHouse.httpUrl())) {
			CrashMain.migrations(proxy.jdbcUrl(database), "classpath:db/backfill", Clock.systemUTC()).migrate();
			// The chunks that finished are not sent again.
			assertThat(proxy.statements().stream().filter((id) -> id.matches(".*_c[0-9a-f]{16}"))).hasSize(6 - finished);
		}
		assertExactlyOnce(clickHouse, database);
	}

	private static void assertExactlyOnce(EmbeddedClickHouse clickHouse, String database) {
		assertThat(clickHouse.query("SELECT count(), uniqExact(id) FROM " + database + ".events_copy"))
			.isEqualTo("100000\t100000\n");
		assertThat(clickHouse.query("SELECT sum(rows) FROM " + database + ".copy_totals")).isEqualTo("100000\n");
	}

}
