package org.clickhousemigrations.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.EmbeddedClickHouseExtension;
import org.clickhousemigrations.test.FaultProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sorting key changed by {@code -- copy: live} on the embedded ClickHouse while a thread keeps
 * inserting into the table: every row inserted before, during and after is in the new table once,
 * and the materialized view reading the table counts each once (copied rows do not reach it). So
 * too when the process is killed at a chunk or right after the exchange and started again (with
 * rows then written into the old table as a racing insert writes them, which only the bridge of
 * the view counts), and for the rollback, which exchanges back the same way.
 */
@ExtendWith({ EmbeddedClickHouseExtension.class, OutputCaptureExtension.class })
class LiveCopyIT {

	private static final String LOCATION = "classpath:db/live";

	// Inserted before the migration, in 20 inserts: 5 chunks of 20,000 rows.
	private static final int SEEDED = 100_000;

	@TempDir
	Path logs;

	@Test
	void theSortingKeyChangesWhileInsertsGoOnAndEveryRowIsThereOnce(EmbeddedClickHouse clickHouse,
			CapturedOutput output) throws Exception {
		String database = prepare(clickHouse, "live");
		try (Writer writer = new Writer(clickHouse, database)) {
			CrashMain.migrations(clickHouse.jdbcUrl(database), LOCATION, Clock.systemUTC()).migrate();
			writer.close();
			assertEveryRowOnce(clickHouse, output, database, writer.inserted(), "kind, id");
		}
		clickHouse.query("SYSTEM FLUSH LOGS");
		assertThat(Integer.parseInt(clickHouse.query("SELECT count() FROM system.query_log WHERE type = 'QueryFinish' "
				+ "AND current_database = '" + database + "' AND match(query_id, '_l[0-9]+_[0-9]+$')").strip()))
			.as("chunks").isGreaterThanOrEqualTo(5);
		// The table that held the rows stays for a later migration to drop; the staging table is gone.
		assertThat(clickHouse.query("SELECT name, sorting_key FROM system.tables WHERE database = '" + database
				+ "' AND name LIKE 'events%' ORDER BY name")).isEqualTo("events\tkind, id\nevents__new\tid\n");
	}

	@Test
	void killedAtAChunkOrRightAfterTheExchangeTheRestartHasEveryRowOnce(EmbeddedClickHouse clickHouse,
			CapturedOutput output) throws Exception {
		// The first chunk (its rows staged, not moved), the first partition moved of three, the exchange.
		List<String> points = List.of("_l0_", "_lm1", "_lx");
		for (String point : points) {
			String database = prepare(clickHouse, "live_killed");
			try (Writer writer = new Writer(clickHouse, database)) {
				List<String> answered;
				try (FaultProxy proxy = new FaultProxy(clickHouse.httpUrl())) {
					answered = CrashMain.runKilled(proxy, database, LOCATION, this.logs.resolve(database + ".log"),
							(kill) -> proxy.afterAnswerTo(point, kill), "migrate");
				}
				String killedAt = answered.get(answered.size() - 1);
				assertThat(killedAt).as("killed at %s", point).contains(point);
				int late = 0;
				if (point.equals("_lx")) {
					// As an insert does that found the table by its name just before the exchange but its views
					// just after: into the old table, whose new name no view reads but the bridges.
					clickHouse.query("INSERT INTO " + database + ".events__new " + Writer.rows(5_000_000, 50));
					late = 50;
				}
				CrashMain.migrations(clickHouse.jdbcUrl(database), LOCATION, Clock.systemUTC()).migrate();
				writer.close();
				assertEveryRowOnce(clickHouse, output, database, writer.inserted() + late, "kind, id");
			}
		}
	}

	@Test
	void theRollbackExchangesBackWhileInsertsGoOn(EmbeddedClickHouse clickHouse, CapturedOutput output)
			throws Exception {
		String database = prepare(clickHouse, "live_back");
		ClickHouseMigrations migrations = CrashMain.migrations(clickHouse.jdbcUrl(database), LOCATION,
				Clock.systemUTC());
		migrations.migrate();
		try (Writer writer = new Writer(clickHouse, database)) {
			migrations.rollback("main", "shop", "0");
			writer.close();
			assertEveryRowOnce(clickHouse, output, database, writer.inserted(), "id");
		}
	}

	// The table as it is before the migration, with a view counting its rows by kind, and its rows.
	private static String prepare(EmbeddedClickHouse clickHouse, String prefix) {
		String database = clickHouse.createDatabase(prefix);
		clickHouse.query("CREATE TABLE " + database + ".events (id UInt64, kind LowCardinality(String), at DateTime) "
				+ "ENGINE = MergeTree PARTITION BY toYYYYMM(at) ORDER BY id");
		clickHouse.query("CREATE TABLE " + database + ".kind_counts (kind String, rows UInt64) "
				+ "ENGINE = SummingMergeTree ORDER BY kind");
		clickHouse.query("CREATE MATERIALIZED VIEW " + database + ".kind_counts_mv TO " + database + ".kind_counts "
				+ "AS SELECT kind, count() AS rows FROM " + database + ".events GROUP BY kind");
		for (int insert = 0; insert < 20; insert++) {
			clickHouse.query("INSERT INTO " + database + ".events " + Writer.rows(insert * 5_000L, 5_000));
		}
		return database;
	}

	private static void assertEveryRowOnce(EmbeddedClickHouse clickHouse, CapturedOutput output, String database,
			long inserted, String key) {
		long rows = SEEDED + inserted;
		assertThat(inserted).as("rows inserted while it ran").isPositive();
		assertThat(clickHouse.query("SELECT count(), uniqExact(id) FROM " + database + ".events"))
			.isEqualTo(rows + "\t" + rows + "\n");
		assertThat(clickHouse.query("SELECT sorting_key FROM system.tables WHERE database = '" + database
				+ "' AND name = 'events'")).isEqualTo(key + "\n");
		// The view counts each row once, but for the rows of an insert that ran at the very moment of the exchange
		// and that ClickHouse fed to no view (it looks the views up by the name the exchange moves): those are
		// told in the log.
		clickHouse.query("SYSTEM FLUSH LOGS");
		long missed = Long.parseLong(clickHouse.query("SELECT sum(written_rows) FROM system.query_log WHERE type = "
				+ "'QueryFinish' AND startsWith(query, 'INSERT INTO " + database + ".events ') AND length(views) = 0")
			.strip());
		assertThat(clickHouse.query("SELECT sum(rows) FROM " + database + ".kind_counts"))
			.isEqualTo((rows - missed) + "\n");
		if (missed > 0) {
			assertThat(output.getOut()).contains("ran at the very moment of the exchange and ClickHouse fed none of the "
					+ "materialized views reading events");
		}
		// The bridges are gone once the inserts that began before the exchange ended.
		assertThat(clickHouse.query("SELECT count() FROM system.tables WHERE database = '" + database
				+ "' AND name LIKE '%\\_\\_live'")).isEqualTo("0\n");
	}

	/**
	 * A thread inserting 50 rows at a time into the table, straight to ClickHouse, until closed. An
	 * insert that meets the exchange itself may be refused (741 TABLE_UUID_MISMATCH): it is sent again,
	 * as an application would, and had it written anything, its rows would be there twice.
	 */
	private static final class Writer implements AutoCloseable {

		private final AtomicLong inserted = new AtomicLong();

		private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

		private final Thread thread;

		private volatile boolean stop;

		Writer(EmbeddedClickHouse clickHouse, String database) {
			this.thread = new Thread(() -> {
				long next = 1_000_000;
				while (!this.stop) {
					try {
						clickHouse.query("INSERT INTO " + database + ".events " + rows(next, 50));
						next += 50;
						this.inserted.addAndGet(50);
						Thread.sleep(5);
					}
					catch (RuntimeException ex) {
						if (String.valueOf(ex.getMessage()).contains("TABLE_UUID_MISMATCH")) {
							continue;
						}
						this.failure.set(ex);
						return;
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "live-writer");
			this.thread.start();
		}

		static String rows(long first, int count) {
			return "SELECT number + " + first + ", ['a', 'b', 'c'][number % 3 + 1], toDateTime('2026-01-01 00:00:00', "
					+ "'UTC') + (number + " + first + ") * 60 FROM numbers(" + count + ")";
		}

		long inserted() {
			return this.inserted.get();
		}

		@Override
		public void close() throws InterruptedException {
			if (!this.stop) {
				Thread.sleep(300);
				this.stop = true;
				this.thread.join();
			}
			RuntimeException failure = this.failure.getAndSet(null);
			if (failure != null) {
				throw failure;
			}
		}

	}

}
