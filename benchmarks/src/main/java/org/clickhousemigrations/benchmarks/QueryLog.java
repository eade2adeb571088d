package org.clickhousemigrations.benchmarks;

import java.time.Instant;
import java.util.List;

import org.clickhousemigrations.test.EmbeddedClickHouse;

/** Counts the requests ClickHouse received in a time window, from {@code system.query_log}. */
final class QueryLog {

	private final EmbeddedClickHouse clickHouse;

	QueryLog(EmbeddedClickHouse clickHouse) {
		this.clickHouse = clickHouse;
	}

	long count(Instant from, Instant to) {
		return Long.parseLong(this.clickHouse.query("SELECT count() FROM system.query_log " + where(from, to)).trim());
	}

	/** The queries of the window, one line each, for seeing where requests go. */
	List<String> queries(Instant from, Instant to) {
		return this.clickHouse
			.query("SELECT replaceRegexpAll(substring(query, 1, 110), '\\\\s+', ' ') FROM system.query_log "
					+ where(from, to) + " ORDER BY event_time_microseconds")
			.lines()
			.toList();
	}

	private String where(Instant from, Instant to) {
		this.clickHouse.query("SYSTEM FLUSH LOGS");
		return "WHERE type = 'QueryStart' AND event_time_microseconds BETWEEN fromUnixTimestamp64Micro(" + micros(from)
				+ ") AND fromUnixTimestamp64Micro(" + micros(to) + ") AND query NOT LIKE '%system.query_log%' "
				+ "AND query NOT LIKE 'SYSTEM FLUSH LOGS%' AND query NOT LIKE 'CREATE DATABASE bench_%'";
	}

	private static long micros(Instant instant) {
		return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
	}

}
