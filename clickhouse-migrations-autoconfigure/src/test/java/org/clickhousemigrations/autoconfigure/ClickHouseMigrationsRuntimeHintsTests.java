package org.clickhousemigrations.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

class ClickHouseMigrationsRuntimeHintsTests {

	@Test
	void migrationsOfTheDefaultLocationAreResources() {
		RuntimeHints hints = new RuntimeHints();
		new ClickHouseMigrationsRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.resource().forResource("db/clickhouse/events/V0001__create_events.sql"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("db/clickhouse/events/schema/events.sql"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("db/other/V1__x.sql")).rejects(hints);
	}

}
