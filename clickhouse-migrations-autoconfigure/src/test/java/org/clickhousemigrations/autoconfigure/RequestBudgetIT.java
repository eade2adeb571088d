package org.clickhousemigrations.autoconfigure;

import java.time.Instant;

import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What an application start costs ClickHouse, counted by the server in system.query_log. */
class RequestBudgetIT {

	@Test
	void bootWithNothingPendingReadsEachHistoryOnceAndWritesNothing() {
		assumeTrue(System.getenv("CLICKHOUSE_URL") == null && System.getProperty("CLICKHOUSE_URL") == null,
				"needs a server with system.query_log that only this test uses");
		try (EmbeddedClickHouse clickHouse = EmbeddedClickHouse.start()) {
			String primary = clickHouse.createDatabase("primary");
			String second = clickHouse.createDatabase("second");
			String[] properties = { "clickhouse.migrations.locations=classpath:db/it/states",
					"clickhouse.migrations.databases.main.data-source=dataSource",
					"clickhouse.migrations.databases.other.url=" + clickHouse.jdbcUrl(second),
					"clickhouse.migrations.databases.other.username=" + clickHouse.username() };
			MigrationApps.run(clickHouse, primary, null, properties).close();

			clickHouse.query("SYSTEM FLUSH LOGS");
			long from = micros(Instant.now());
			MigrationApps.run(clickHouse, primary, null, properties).close();
			long to = micros(Instant.now());
			clickHouse.query("SYSTEM FLUSH LOGS");
			String queries = clickHouse.query("SELECT current_database, query_kind, substring(query, 1, 60) "
					+ "FROM system.query_log WHERE type = 'QueryStart' AND event_time_microseconds BETWEEN "
					+ "fromUnixTimestamp64Micro(" + from + ") AND fromUnixTimestamp64Micro(" + to + ") "
					+ "ORDER BY event_time_microseconds");
			// A new connection pool checks its first connection (JDBC isValid: SELECT 1); the
			// application's pool pays that with its own first query anyway. Beyond it: one read per history.
			assertThat(queries.lines().filter((query) -> !query.endsWith("\tSelect\tSELECT 1"))).as(queries)
				.containsExactly(primary + "\tSelect\tSELECT module, version, description, type, script, checksum,",
						second + "\tSelect\tSELECT module, version, description, type, script, checksum,");
		}
	}

	private static long micros(Instant instant) {
		return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
	}

}
