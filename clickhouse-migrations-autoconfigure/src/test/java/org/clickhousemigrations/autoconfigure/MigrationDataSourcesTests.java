package org.clickhousemigrations.autoconfigure;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationDataSourcesTests {

	@Test
	void theOrderIsTheConfigurationFilesWhereverAValueComesFrom() {
		MockEnvironment environment = new MockEnvironment();
		// The configuration file names the databases in this order...
		Map<String, Object> file = new LinkedHashMap<>();
		file.put("clickhouse.migrations.databases.primary.data-source", "dataSource");
		file.put("clickhouse.migrations.databases.reporting.migrate", "false");
		file.put("clickhouse.migrations.databases.archive.readonly", "true");
		environment.getPropertySources().addLast(new MapPropertySource("application.yml", file));
		// ...and the command line, which Spring binds first, gives two of them their URLs.
		Map<String, Object> commandLine = new LinkedHashMap<>();
		commandLine.put("clickhouse.migrations.databases.archive.url", "jdbc:clickhouse://a");
		commandLine.put("clickhouse.migrations.databases.reporting.url", "jdbc:clickhouse://r");
		commandLine.put("clickhouse.migrations.databases.extra.url", "jdbc:clickhouse://e");
		environment.getPropertySources().addFirst(new MapPropertySource("commandLineArgs", commandLine));
		assertThat(MigrationDataSources.configurationOrder(environment,
				new LinkedHashSet<>(List.of("archive", "reporting", "extra", "primary"))))
			.containsExactly("primary", "reporting", "archive", "extra");
	}

}
