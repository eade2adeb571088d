package org.clickhousemigrations.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class UnknownKeysTests {

	@Test
	void knownKeysMapsAndDatabaseKeysPassAndTyposGetTheClosestKnownKey() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("clickhouse.migrations.locations[0]", "classpath:db/clickhouse");
		properties.put("clickhouse.migrations.placeholders.anything_goes", "1");
		properties.put("clickhouse.migrations.lock.lease", "10s");
		properties.put("clickhouse.migrations.databases.tenant-1.url", "jdbc:clickhouse://x");
		properties.put("clickhouse.migrations.databases.tenant-1.placeholders.x", "1");
		properties.put("clickhouse.migrations.databases.tenant-1.modules[0]", "events");
		properties.put("clickhouse.migrations.databases.tenant-1.readonlyy", "true");
		properties.put("clickhouse.migrations.lock.leese", "10s");
		properties.put("clickhouse.migrations.fail-on-eror", "false");
		properties.put("spring.datasource.url", "jdbc:clickhouse://y");
		MockEnvironment environment = new MockEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		assertThat(UnknownKeys.of(environment)).containsExactly(
				"clickhouse.migrations.databases.tenant-1.readonlyy (did you mean "
						+ "clickhouse.migrations.databases.tenant-1.readonly?)",
				"clickhouse.migrations.fail-on-eror (did you mean clickhouse.migrations.fail-on-error?)",
				"clickhouse.migrations.lock.leese (did you mean clickhouse.migrations.lock.lease?)");
	}

	@Test
	void distanceCountsEdits() {
		assertThat(UnknownKeys.distance("dryrun", "dry-run")).isEqualTo(1);
		assertThat(UnknownKeys.distance("lease", "leese")).isEqualTo(1);
		assertThat(UnknownKeys.distance("", "abc")).isEqualTo(3);
	}

}
