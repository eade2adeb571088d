package org.clickhousemigrations.engine;

import java.time.Clock;
import java.time.Duration;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.execute.Retry;
import org.clickhousemigrations.history.ClickHouseMigrationHistory;

import com.zaxxer.hikari.HikariDataSource;

/**
 * An application that runs the migrations of {@code classpath:db/crash} and exits, for the crash
 * tests: in its own JVM it can be killed at any point. Arguments: the JDBC URL, then
 * {@code migrate} or {@code rollback <module> <version>}.
 */
public final class CrashMain {

	static final Duration LEASE = Duration.ofSeconds(1);

	// Refusals are retried quickly, and a failing mutation is given 3 s without progress.
	static final Retry RETRY = new Retry(5, Duration.ofSeconds(3));

	private CrashMain() {
	}

	public static void main(String[] args) {
		ClickHouseMigrations migrations = migrations(args[0]);
		if (args[1].equals("rollback")) {
			migrations.rollback("main", args[2], args[3]);
		}
		else {
			migrations.migrate();
		}
		System.out.println("DONE");
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
