package org.clickhousemigrations.demo;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.autoconfigure.MigrationDatabaseConnectionDetails;
import org.clickhousemigrations.model.DatabaseStatus;
import org.junit.jupiter.api.Test;
import org.testcontainers.clickhouse.ClickHouseContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo as most Spring users test against ClickHouse: a container with {@code @ServiceConnection}
 * is the application's DataSource, migrated by the starter on boot; the reporting and archive
 * databases take their connection from the same container. Runs where Docker does; skipped (as
 * "disabled without Docker") where it does not.
 */
@SpringBootTest
@Testcontainers(disabledWithoutDocker = true)
class DemoTestcontainersIT {

	@Container
	@ServiceConnection
	static ClickHouseContainer clickHouse = new ClickHouseContainer("clickhouse/clickhouse-server:26.7");

	@Autowired
	ClickHouseMigrations migrations;

	@Test
	void theContainerIsMigratedOnBoot() {
		assertThat(this.migrations.info("primary").status()).isEqualTo(DatabaseStatus.UP_TO_DATE);
		assertThat(this.migrations.info("reporting").status()).isEqualTo(DatabaseStatus.DISABLED);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class OtherDatabases {

		@Bean
		MigrationDatabaseConnectionDetails reporting() {
			return MigrationDatabaseConnectionDetails.of("reporting", clickHouse.getJdbcUrl(), clickHouse.getUsername(),
					clickHouse.getPassword());
		}

		@Bean
		MigrationDatabaseConnectionDetails archive() {
			return MigrationDatabaseConnectionDetails.of("archive", clickHouse.getJdbcUrl(), clickHouse.getUsername(),
					clickHouse.getPassword());
		}

	}

}
