package org.clickhousemigrations.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.execute.Retry;
import org.clickhousemigrations.history.ClickHouseMigrationHistory;
import org.clickhousemigrations.test.FaultProxy;

import com.zaxxer.hikari.HikariDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that runs the migrations of {@code classpath:db/crash} (or of the location the
 * system property {@code crash.location} names) and exits, for the crash tests: in its own JVM it
 * can be killed at any point. Arguments: the JDBC URL, then {@code migrate} or
 * {@code rollback <module> <version>}.
 */
public final class CrashMain {

	static final Duration LEASE = Duration.ofSeconds(1);

	// Refusals are retried quickly, and a failing mutation is given 3 s without progress.
	static final Retry RETRY = new Retry(5, Duration.ofSeconds(3));

	private CrashMain() {
	}

	public static void main(String[] args) {
		ClickHouseMigrations migrations = migrations(args[0], System.getProperty("crash.location", "classpath:db/crash"),
				Clock.systemUTC());
		if (args[1].equals("rollback")) {
			migrations.rollback("main", args[2], args[3]);
		}
		else {
			migrations.migrate();
		}
		System.out.println("DONE");
	}

	/**
	 * Runs this application in its own JVM on {@code database} through {@code proxy}, over the
	 * migrations of {@code location}, and waits until it is killed.
	 * @param arm given the action that kills the process, sets the proxy up to run it
	 * @param log the file its output goes to
	 * @return the query ids of the statements ClickHouse answered
	 */
	static List<String> runKilled(FaultProxy proxy, String database, String location, Path log,
			Consumer<Runnable> arm, String... command) throws Exception {
		AtomicReference<Process> victim = new AtomicReference<>();
		arm.accept(() -> victim.get().destroyForcibly());
		// A short-lived JVM starts faster with the quick compiler only and the serial collector.
		List<String> arguments = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
			.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dcrash.location=" + location, "-cp",
				System.getProperty("java.class.path"), CrashMain.class.getName(), proxy.jdbcUrl(database)));
		arguments.addAll(List.of(command));
		victim.set(new ProcessBuilder(arguments).redirectErrorStream(true).redirectOutput(log.toFile()).start());
		assertThat(victim.get().waitFor(2, TimeUnit.MINUTES)).isTrue();
		assertThat(victim.get().exitValue()).as("killed, not finished").isNotZero();
		return proxy.statements();
	}

	/** The library as an application would have it, on {@code url}, with a short lease. */
	static ClickHouseMigrations migrations(String url) {
		return migrations(url, "classpath:db/crash", Clock.systemUTC());
	}

	/**
	 * A connection pool as Spring Boot makes one (HikariCP): a connection whose answer was lost is
	 * closed by the pool, so the library must take another. Idle connections are not kept, as tests
	 * make many pools.
	 */
	static HikariDataSource pool(String url) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(url);
		pool.setUsername("default");
		pool.setPassword("");
		pool.setMinimumIdle(0);
		pool.setMaximumPoolSize(4);
		return pool;
	}

	/** The library on {@code url}, over the migrations of {@code location}, its history on {@code clock}. */
	static ClickHouseMigrations migrations(String url, String location, Clock clock) {
		return DefaultClickHouseMigrations.builder()
			.database("main", pool(url))
			.locations(location)
			.classLoader(CrashMain.class.getClassLoader())
			.history(new ClickHouseMigrationHistory("clickhouse_migrations", null, null, clock))
			.lockTimes(Duration.ofSeconds(30), LEASE)
			.retry(RETRY)
			.build();
	}

}
