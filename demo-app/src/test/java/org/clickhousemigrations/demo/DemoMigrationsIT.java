package org.clickhousemigrations.demo;

import java.util.Map;

import org.clickhousemigrations.test.MigrationsVerifier;
import org.junit.jupiter.api.Test;

/**
 * The demo's own migrations, checked as a user checks theirs: every rollback restores the schema,
 * a crash or a lost answer at any statement ends as an uninterrupted run, and lint finds no error,
 * with events already stored when the daily aggregate and its backfill arrive.
 */
class DemoMigrationsIT {

	@Test
	void migrationsSurviveEveryCheck() {
		MigrationsVerifier.forLocations("classpath:db/clickhouse")
			.placeholders(Map.of("events_ttl_days", "90"))
			.seed("INSERT INTO events VALUES (toDateTime(today() - 1), 1, 'click'), (toDateTime(today() - 1), 2, 'view'), "
					+ "(toDateTime(today() - 2), 1, 'click')")
			.roundTrip()
			.crashAtEveryStatement()
			.lostAnswers()
			.lint()
			.verify();
	}

}
