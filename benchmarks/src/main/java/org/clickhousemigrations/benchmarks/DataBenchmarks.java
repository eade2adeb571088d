package org.clickhousemigrations.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;
import org.clickhousemigrations.engine.DefaultClickHouseMigrations;
import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.FaultProxy;
import org.clickhousemigrations.test.MigrationsVerifier;

/**
 * Data at production size: a backfill of 5 million rows in chunks against one
 * {@code INSERT ... SELECT} of the same rows, and the rows written twice after a kill at a random
 * chunk; a sorting key changed by a live copy while rows are inserted, against the plain copy
 * with inserts paused; and the test kit on a module of 20 migrations and 60 statements.
 */
final class DataBenchmarks {

	private static final int ROWS = 5_000_000;

	private DataBenchmarks() {
	}

	static void backfill(EmbeddedClickHouse clickHouse, String database, Path work) throws Exception {
		System.out.println("\n## Backfill of " + ROWS + " rows: 12 monthly chunks against one INSERT ... SELECT\n");
		clickHouse.query("CREATE TABLE " + database + ".source (id UInt64, at DateTime, v UInt32) ENGINE = MergeTree "
				+ "PARTITION BY toYYYYMM(at) ORDER BY id");
		clickHouse.query("INSERT INTO " + database + ".source SELECT number, toDateTime('2025-01-01 00:00:00') + "
				+ "intDiv(number * 6, 1), number % 100 FROM numbers(" + ROWS + ")");
		for (String table : new String[] { "warm_single", "warm_chunked", "single", "chunked", "killed" }) {
			clickHouse.query("CREATE TABLE " + database + "." + table + " AS " + database + ".source");
		}
		// Both as migrations, so that what a migrate costs besides the copy (history, lock, lint) is in both;
		// each once before it is timed, so that neither pays for the JVM warming up.
		migrate(clickHouse.jdbcUrl(database), migration(work.resolve("backfill-warm-single"), "warm_single", false),
				"warm_single");
		migrate(clickHouse.jdbcUrl(database), migration(work.resolve("backfill-warm-chunked"), "warm_chunked", true),
				"warm_chunked");
		long single = millis(() -> migrate(clickHouse.jdbcUrl(database), migration(work.resolve("backfill-single"),
				"single", false), "single"));
		long ours = millis(() -> migrate(clickHouse.jdbcUrl(database), migration(work.resolve("backfill-chunked"),
				"chunked", true), "chunked"));
		System.out.println("| migration | ms | rows |");
		System.out.println("|---|---|---|");
		System.out.printf(Locale.ROOT, "| one INSERT ... SELECT | %d | %s |%n", single, count(clickHouse, database, "single"));
		System.out.printf(Locale.ROOT, "| backfill by toYYYYMM(at), 12 chunks, 2 at once | %d | %s |%n", ours,
				count(clickHouse, database, "chunked"));
		System.out.printf(Locale.ROOT, "| ratio | %.2fx | |%n", (double) ours / Math.max(1, single));

		Path killed = migration(work.resolve("backfill-killed"), "killed", true);
		int chunk = ThreadLocalRandom.current().nextInt(1, 13);
		try (FaultProxy proxy = new FaultProxy(clickHouse.httpUrl())) {
			proxy.afterAnswer(chunk, () -> {
				try {
					proxy.close();
				}
				catch (IOException ex) {
					// Closed: the process is "killed".
				}
			});
			try {
				migrate(proxy.jdbcUrl(database), killed, "killed");
			}
			catch (RuntimeException expected) {
				// Killed right after chunk `chunk` was written, before the library heard of it.
			}
		}
		long rerun = millis(() -> migrate(clickHouse.jdbcUrl(database), killed, "killed"));
		String[] counts = clickHouse.query("SELECT count(), uniqExact(id) FROM " + database + ".killed").strip()
			.split("\t");
		System.out.printf(Locale.ROOT, "%nKilled right after chunk %d of 12 was written, then run again (%d ms, the lease "
				+ "of the killed run included): %s rows, %d written twice.%n", chunk, rerun, counts[0],
				Long.parseLong(counts[0]) - Long.parseLong(counts[1]));
	}

	static void liveCopy(EmbeddedClickHouse clickHouse, String database, Path work) throws Exception {
		System.out.println("\n## Sorting key change of " + ROWS + " rows while 1,000 rows are inserted every 20 ms\n");
		for (String table : new String[] { "events", "paused" }) {
			clickHouse.query("CREATE TABLE " + database + "." + table + " (id UInt64, at DateTime, v UInt32) ENGINE = "
					+ "MergeTree PARTITION BY toYYYYMM(at) ORDER BY id");
			clickHouse.query("INSERT INTO " + database + "." + table + " SELECT number, toDateTime('2025-01-01 00:00:00') "
					+ "+ intDiv(number * 6, 1), number % 100 FROM numbers(" + ROWS + ")");
		}
		long paused = millis(() -> migrate(clickHouse.jdbcUrl(database), keyChange(work.resolve("key-paused"), "paused",
				false), "paused"));
		AtomicLong inserted = new AtomicLong();
		AtomicBoolean stop = new AtomicBoolean();
		Thread writer = new Thread(() -> {
			for (long next = ROWS; !stop.get(); next += 1_000) {
				try {
					clickHouse.query("INSERT INTO " + database + ".events SELECT number + " + next + ", now(), number % "
							+ "100 FROM numbers(1000)");
				}
				catch (IllegalStateException ex) {
					// Refused as it met the exchange (741 TABLE_UUID_MISMATCH): sent again, as an application would.
					next -= 1_000;
					continue;
				}
				inserted.addAndGet(1_000);
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "benchmark-writer");
		writer.start();
		long live = millis(() -> migrate(clickHouse.jdbcUrl(database), keyChange(work.resolve("key-live"), "events",
				true), "events"));
		Thread.sleep(500);
		stop.set(true);
		writer.join();
		String[] counts = clickHouse.query("SELECT count(), uniqExact(id) FROM " + database + ".events").strip()
			.split("\t");
		long expected = ROWS + inserted.get();
		System.out.println("| plan | ms |");
		System.out.println("|---|---|");
		System.out.printf(Locale.ROOT, "| INSERT ... SELECT then EXCHANGE, inserts paused | %d |%n", paused);
		System.out.printf(Locale.ROOT, "| -- copy: live, inserts going on | %d |%n", live);
		System.out.printf(Locale.ROOT, "| ratio | %.2fx |%n", (double) live / Math.max(1, paused));
		System.out.printf(Locale.ROOT, "%n%,d rows inserted by the writer; the new table holds %s rows, %s distinct, of "
				+ "%,d inserted in all: %d missing, %d twice.%n", inserted.get(), counts[0], counts[1], expected,
				expected - Long.parseLong(counts[1]), Long.parseLong(counts[0]) - Long.parseLong(counts[1]));
	}

	// The migration changing the table's sorting key: a live copy, or the plain copy made for paused inserts.
	private static Path keyChange(Path folder, String table, boolean live) {
		try {
			Path module = Files.createDirectories(folder.resolve(table));
			Files.writeString(module.resolve("V1__sort_by_v.sql"), "CREATE TABLE " + table + "__new (id UInt64, at "
					+ "DateTime, v UInt32) ENGINE = MergeTree PARTITION BY toYYYYMM(at) ORDER BY (v, id);\n"
					+ (live ? "-- copy: live\n" : "INSERT INTO " + table + "__new SELECT * FROM " + table + ";\n")
					+ "EXCHANGE TABLES " + table + " AND " + table + "__new;\n");
			return folder;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void kit(Path work) throws IOException {
		System.out.println("\n## Test kit: 20 migrations, 60 statements, every check\n");
		Path module = Files.createDirectories(work.resolve("kit/shop"));
		for (int i = 1; i <= 20; i++) {
			String table = "t" + i;
			Files.writeString(module.resolve(String.format("V%02d__step_%d.sql", i, i)), String.join("\n",
					"CREATE TABLE IF NOT EXISTS " + table + " (id UInt32, v String) ENGINE = MergeTree ORDER BY id;",
					"ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS n UInt32 DEFAULT id * 2;",
					"INSERT INTO " + table + " SELECT number, toString(number), number FROM numbers(10);",
					"-- rollback", "DROP TABLE IF EXISTS " + table + ";"));
		}
		long started = System.nanoTime();
		MigrationsVerifier.forLocations("filesystem:" + work.resolve("kit"))
			.roundTrip()
			.crashAtEveryStatement()
			.lostAnswers()
			.lint()
			.verify();
		System.out.printf(Locale.ROOT, "%nAll checks: %.1f s (target: under 60 s on 2 cores)%n",
				(System.nanoTime() - started) / 1e9);
	}

	private static Path migration(Path folder, String table, boolean chunked) {
		try {
			Path module = Files.createDirectories(folder.resolve(table));
			Files.writeString(module.resolve("V1__copy.sql"), (chunked ? "-- backfill: by toYYYYMM(at)\n" : "")
					+ "INSERT INTO " + table + " SELECT * FROM source;\n");
			return folder;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	// Each copy keeps its own history table, so that the runs do not see each other's migrations.
	private static void migrate(String url, Path location, String history) {
		try (HikariDataSource dataSource = new HikariDataSource()) {
			dataSource.setJdbcUrl(url);
			dataSource.setUsername("default");
			dataSource.setMinimumIdle(0);
			DefaultClickHouseMigrations.builder()
				.database("main", dataSource)
				.locations("filesystem:" + location)
				.historyTable("history_" + history, null)
				.lockTimes(Duration.ofMinutes(2), Duration.ofSeconds(3))
				.build()
				.migrate();
		}
	}

	private static String count(EmbeddedClickHouse clickHouse, String database, String table) {
		return clickHouse.query("SELECT count() FROM " + database + "." + table).strip();
	}

	private static long millis(Runnable action) {
		long started = System.nanoTime();
		action.run();
		return (System.nanoTime() - started) / 1_000_000;
	}

}
