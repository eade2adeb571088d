package org.clickhousemigrations.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import com.zaxxer.hikari.HikariDataSource;
import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.history.ClickHouseMigrationHistory;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.model.MigrationKey;
import org.clickhousemigrations.model.MigrationType;
import org.clickhousemigrations.resolve.JavaMigrationFactory;
import org.clickhousemigrations.resolve.MigrationResolver;
import org.clickhousemigrations.test.EmbeddedClickHouse;


/**
 * Runs this library, Flyway with its ClickHouse plugin and plain JDBC on identical generated
 * migrations, each in a fresh database of one embedded ClickHouse, and prints milliseconds, HTTP
 * requests (from {@code system.query_log}) and ratios. Absolute times on a shared machine are
 * noisy; the ratios within one run are what to compare.
 */
public final class BenchmarkMain {

	private static final int HISTORY_MODULES = 20;

	private static final int HISTORY_PER_MODULE = 500;

	private final EmbeddedClickHouse clickHouse;

	private final QueryLog queryLog;

	private final Path work;

	private int databases;

	private BenchmarkMain(EmbeddedClickHouse clickHouse, Path work) {
		this.clickHouse = clickHouse;
		this.queryLog = new QueryLog(clickHouse);
		this.work = work;
	}

	public static void main(String[] args) throws Exception {
		int[] sizes = Arrays.stream(((args.length > 0) ? args[0] : "50,200,1000").split(","))
			.mapToInt((size) -> Integer.parseInt(size.trim()))
			.toArray();
		Path work = Files.createTempDirectory("clickhouse-migrations-benchmarks");
		try (EmbeddedClickHouse clickHouse = EmbeddedClickHouse.start()) {
			BenchmarkMain benchmark = new BenchmarkMain(clickHouse, work);
			System.out.println("\nClickHouse " + clickHouse.query("SELECT version()").trim() + ", Java "
					+ System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors() + " cores\n");
			String all = "cold,boot,history,startup,databases,backfill,live,kit";
			List<String> sections = List.of(((args.length > 1) ? args[1] : all).split(","));
			if (sections.contains("cold")) {
				benchmark.coldApply(sizes);
			}
			if (sections.contains("boot")) {
				benchmark.bootWithNothingPending();
			}
			if (sections.contains("history")) {
				benchmark.historyGrowth();
			}
			if (sections.contains("startup")) {
				StartupBenchmark.run(clickHouse, Workload.CREATE_AND_INSERT.write(work.resolve("startup"), 50),
						benchmark.newDatabase());
			}
			if (sections.contains("databases")) {
				benchmark.manyDatabases();
			}
			if (sections.contains("backfill")) {
				DataBenchmarks.backfill(clickHouse, benchmark.newDatabase(), work);
			}
			if (sections.contains("live")) {
				DataBenchmarks.liveCopy(clickHouse, benchmark.newDatabase(), work);
			}
			if (sections.contains("kit")) {
				DataBenchmarks.kit(work);
			}
		}
		System.exit(0);
	}

	/** Cold apply of N two-statement migrations into an empty database. */
	private void coldApply(int[] sizes) throws Exception {
		System.out.println("## Cold apply of N two-statement migrations\n");
		System.out.println("| workload | N | plain JDBC ms (requests) | clickhouse-migrations ms (requests) | ratio | "
				+ "Flyway ms (requests) | ratio |");
		System.out.println("|---|---|---|---|---|---|---|");
		for (Workload workload : Workload.values()) {
			for (int size : sizes) {
				if (workload != Workload.CREATE_AND_INSERT && size != sizes[Math.min(1, sizes.length - 1)]) {
					continue;
				}
				Path migrations = workload.write(this.work, size);
				List<String> statements = workload.allStatements(size);
				Measure jdbc = apply(Contender.PLAIN_JDBC, migrations, statements);
				Measure ours = apply(Contender.CLICKHOUSE_MIGRATIONS, migrations, statements);
				Measure flyway = apply(Contender.FLYWAY, migrations, statements);
				System.out.printf(Locale.ROOT, "| %s | %d | %d (%d) | %d (%d) | %.2fx | %d (%d) | %.2fx |%n",
						workload.name().toLowerCase(Locale.ROOT), size, jdbc.millis(), jdbc.requests(), ours.millis(),
						ours.requests(), ratio(ours, jdbc), flyway.millis(), flyway.requests(), ratio(flyway, jdbc));
			}
		}
	}

	/** A second boot, with nothing pending: what every deploy pays. */
	private void bootWithNothingPending() throws Exception {
		System.out.println("\n## Boot with nothing pending (50 applied migrations)\n");
		Path migrations = Workload.CREATE_AND_INSERT.write(this.work.resolve("boot"), 50);
		List<String> statements = Workload.CREATE_AND_INSERT.allStatements(50);
		System.out.println("| contender | ms | requests |");
		System.out.println("|---|---|---|");
		for (Contender contender : List.of(Contender.CLICKHOUSE_MIGRATIONS, Contender.FLYWAY)) {
			try (HikariDataSource dataSource = dataSource(newDatabase())) {
				contender.migrate(dataSource, migrations, statements);
				Measure again = measure(() -> {
					contender.migrate(dataSource, migrations, statements);
					return null;
				});
				System.out.printf("| %s | %d | %d |%n", contender.name().toLowerCase(Locale.ROOT), again.millis(),
						again.requests());
				if (contender == Contender.CLICKHOUSE_MIGRATIONS) {
					this.queryLog.queries(again.from(), again.to()).forEach((query) -> System.out.println("|  | | `" + query + "` |"));
				}
			}
		}
	}

	/** Planning and applying as the history grows to 10,000 applied migrations in 20 modules. */
	private void historyGrowth() throws Exception {
		System.out.println("\n## History of 10,000 applied migrations in 20 modules, then one more per module\n");
		List<ResolvedMigration> applied = new ArrayList<>();
		for (int module = 0; module < HISTORY_MODULES; module++) {
			for (int version = 1; version <= HISTORY_PER_MODULE; version++) {
				applied.add(migration("m" + module + ":" + version, "SELECT 1"));
			}
		}
		// One new migration per module: the cost per migration, apart from the reads of each run.
		List<ResolvedMigration> next = new ArrayList<>();
		for (int module = 0; module < HISTORY_MODULES; module++) {
			next.add(migration("m" + module + ":" + (HISTORY_PER_MODULE + 1),
					"CREATE TABLE IF NOT EXISTS next" + module + " (id UInt8) ENGINE = MergeTree ORDER BY id",
					"INSERT INTO next" + module + " VALUES (1)"));
		}
		String big = newDatabase();
		try (HikariDataSource dataSource = dataSource(big); HikariDataSource empty = dataSource(newDatabase())) {
			ClickHouseMigrationHistory history = new ClickHouseMigrationHistory("clickhouse_migrations", null, null);
			MigrationDatabase target = MigrationDatabase.of("bench", dataSource);
			history.create(target);
			this.clickHouse.query("INSERT INTO " + big + ".clickhouse_migrations SELECT 'm' || toString(intDiv(number, "
					+ HISTORY_PER_MODULE + ")), toString(number % " + HISTORY_PER_MODULE + " + 1), 'x', 'SQL', 'x', "
					+ "'c', 'APPLIED', 1, 1, '', 'default', now64(3), 1, '', now64(6), number + 1 FROM numbers("
					+ HISTORY_MODULES * HISTORY_PER_MODULE + ")");
			List<ResolvedMigration> withNext = new ArrayList<>(applied);
			withNext.addAll(next);
			ClickHouseMigrations large = Contender.migrations(dataSource, () -> withNext);
			large.info();
			long infoMillis = median(5, () -> measure(large::info).millis());
			Measure onLarge = measure(() -> {
				large.migrate();
				return null;
			});
			ClickHouseMigrations small = Contender.migrations(empty, () -> next);
			Measure onEmpty = measure(() -> {
				small.migrate();
				return null;
			});
			int count = next.size();
			System.out.println("| figure | ms | requests |");
			System.out.println("|---|---|---|");
			System.out.printf("| info() with 10,000 applied and 20 pending (median of 5) | %d | 1 |%n", infoMillis);
			System.out.printf("| apply migrations 10,001 to 10,020 | %d (%.1f per migration) | %d |%n", onLarge.millis(),
					(double) onLarge.millis() / count, onLarge.requests());
			System.out.printf("| apply migrations 1 to 20 (empty history) | %d (%.1f per migration) | %d |%n",
					onEmpty.millis(), (double) onEmpty.millis() / count, onEmpty.requests());
		}
	}

	/** 40 databases of 5 migrations each, one after another and 4 at once: cold, then with nothing pending. */
	private void manyDatabases() throws Exception {
		int count = 40;
		System.out.println("\n## " + count + " databases of 5 two-statement migrations each\n");
		Path migrations = Workload.CREATE_AND_INSERT.write(this.work.resolve("databases"), 5);
		MigrationResolver resolver = new MigrationResolver(List.of("filesystem:" + migrations),
				BenchmarkMain.class.getClassLoader(), JavaMigrationFactory.REFLECTION);
		List<ResolvedMigration> resolved = resolver.resolve();
		System.out.println("| parallelism | cold ms (requests) | nothing pending ms (requests) | requests per database "
				+ "with nothing pending |");
		System.out.println("|---|---|---|---|");
		Map<Integer, Long> cold = new TreeMap<>();
		List<String> sample = new ArrayList<>();
		for (int parallelism : new int[] { 1, 4 }) {
			List<HikariDataSource> pools = new ArrayList<>();
			try {
				List<MigrationDatabase> databases = new ArrayList<>();
				for (int i = 1; i <= count; i++) {
					HikariDataSource pool = dataSource(newDatabase());
					pools.add(pool);
					databases.add(MigrationDatabase.of("tenant-" + i, pool));
				}
				ClickHouseMigrations library = Contender.migrations(databases, () -> resolved, parallelism);
				Measure first = measure(() -> {
					library.migrate();
					return null;
				});
				Measure again = measure(() -> {
					library.migrate();
					return null;
				});
				cold.put(parallelism, first.millis());
				if (parallelism == 1) {
					sample.addAll(this.queryLog.queries(again.from(), again.to()).stream().limit(2).toList());
				}
				System.out.printf(Locale.ROOT, "| %d | %d (%d) | %d (%d) | %.1f |%n", parallelism, first.millis(),
						first.requests(), again.millis(), again.requests(), (double) again.requests() / count);
			}
			finally {
				pools.forEach(HikariDataSource::close);
			}
		}
		System.out.printf(Locale.ROOT, "%nCold apply with parallelism 4 took %.2f of the sequential time, on %d cores.%n",
				(double) cold.get(4) / cold.get(1), Runtime.getRuntime().availableProcessors());
		System.out.println("\nWith nothing pending, the requests of the first database (the pool checks a connection "
				+ "idle for more than 0.5 s with SELECT 1; the library sends the one history read):\n");
		sample.forEach((query) -> System.out.println("    " + query));
	}

	private Measure apply(Contender contender, Path migrations, List<String> statements) throws Exception {
		try (HikariDataSource dataSource = dataSource(newDatabase())) {
			return measure(() -> {
				contender.migrate(dataSource, migrations, statements);
				return null;
			});
		}
	}

	private Measure measure(Callable<?> action) throws Exception {
		Instant from = Instant.now();
		long started = System.nanoTime();
		action.call();
		long millis = (System.nanoTime() - started) / 1_000_000;
		Instant to = Instant.now();
		return new Measure(millis, this.queryLog.count(from, to), from, to);
	}

	private static ResolvedMigration migration(String key, String... statements) {
		return new ResolvedMigration(MigrationKey.parse(key), "x", MigrationType.SQL, "x", "c", List.of(),
				Arrays.stream(statements).map(MigrationStep::sql).toList(), null, "none");
	}

	String newDatabase() {
		String name = "bench_" + (++this.databases);
		this.clickHouse.query("CREATE DATABASE " + name);
		return name;
	}

	// A warm pool, as an application has when it migrates: connecting is not part of the figures.
	private HikariDataSource dataSource(String database) throws Exception {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(this.clickHouse.jdbcUrl(database));
		dataSource.setUsername(this.clickHouse.username());
		dataSource.setMaximumPoolSize(4);
		dataSource.getConnection().close();
		return dataSource;
	}

	/** The median of {@code runs} runs. */
	static long median(int runs, Callable<Long> run) throws Exception {
		long[] values = new long[runs];
		for (int i = 0; i < runs; i++) {
			values[i] = run.call();
		}
		Arrays.sort(values);
		return values[runs / 2];
	}

	private static double ratio(Measure measure, Measure baseline) {
		return (double) measure.millis() / Math.max(1, baseline.millis());
	}

	private record Measure(long millis, long requests, Instant from, Instant to) {
	}

}
