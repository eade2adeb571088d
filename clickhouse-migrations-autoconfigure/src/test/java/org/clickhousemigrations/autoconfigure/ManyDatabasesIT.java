package org.clickhousemigrations.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.ClickHouseMigrationsCompletedEvent;
import org.clickhousemigrations.MigrationDatabaseProvider;
import org.clickhousemigrations.model.DatabaseStatus;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.EmbeddedClickHouseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Databases in their configured order, migrated several at once, with databases known only at
 * run time, and an event once all are done.
 */
@ExtendWith({ EmbeddedClickHouseExtension.class, OutputCaptureExtension.class })
class ManyDatabasesIT {

	private static final String SHOP = "clickhouse.migrations.locations=classpath:db/it/states";

	@Test
	void orderedInParallelWithTenantsKnownAtRunTimeThenCompleted(EmbeddedClickHouse clickHouse, CapturedOutput output) {
		List<String> properties = new ArrayList<>(List.of(SHOP, "clickhouse.migrations.parallelism=3"));
		for (String name : List.of("first", "second", "third")) {
			properties.addAll(MigrationApps.database(clickHouse, name, clickHouse.createDatabase(name)));
		}
		properties.add("clickhouse.migrations.databases.first.order=5");
		Tenants.urls = List.of(clickHouse.jdbcUrl(clickHouse.createDatabase("tenant")),
				clickHouse.jdbcUrl(clickHouse.createDatabase("tenant")));
		try (ConfigurableApplicationContext context = MigrationApps.run(clickHouse, clickHouse.createDatabase("app"),
				Tenants.class, properties.toArray(String[]::new))) {
			ClickHouseMigrations migrations = context.getBean(ClickHouseMigrations.class);
			assertThat(migrations.databases()).map(MigrationDatabase::name)
				.containsExactly("second", "third", "first", "tenant-1", "tenant-2");
			assertThat(migrations.info().databases().values()).allSatisfy(
					(report) -> assertThat(report.status()).isEqualTo(DatabaseStatus.UP_TO_DATE));
			ClickHouseMigrationsCompletedEvent completed = context.getBean(Tenants.class).completed;
			assertThat(completed.succeeded()).isTrue();
			assertThat(completed.databases()).containsOnlyKeys("second", "third", "first", "tenant-1", "tenant-2");
		}
		// Each database's lines name it, whichever thread ran it.
		assertThat(output.getOut()).contains("Database 'tenant-2' migrated: 5 migrations applied")
			.contains("Database 'first' migrated: 5 migrations applied");
	}

	@Test
	void connectionDetailsGiveDatabasesTheirUrlAsAContainerWould(EmbeddedClickHouse clickHouse) {
		Containers.reporting = clickHouse.jdbcUrl(clickHouse.createDatabase("reporting"));
		Containers.extra = clickHouse.jdbcUrl(clickHouse.createDatabase("extra"));
		// reporting is configured without a URL (it comes from the "container"); extra is not configured at all.
		try (ConfigurableApplicationContext context = MigrationApps.run(clickHouse, clickHouse.createDatabase("app"),
				Containers.class, SHOP, "clickhouse.migrations.databases.reporting.modules=default")) {
			ClickHouseMigrations migrations = context.getBean(ClickHouseMigrations.class);
			assertThat(migrations.databases()).map(MigrationDatabase::name).containsExactly("reporting", "extra");
			assertThat(migrations.info("reporting").status()).isEqualTo(DatabaseStatus.UP_TO_DATE);
			assertThat(migrations.info("extra").status()).isEqualTo(DatabaseStatus.UP_TO_DATE);
		}
	}

	// Stands for containers started for the tests: what Spring Boot's JdbcConnectionDetails of a
	// container or Docker Compose service give, pointing at the embedded ClickHouse.
	@Configuration(proxyBeanMethods = false)
	static class Containers {

		static String reporting;

		static String extra;

		@Bean
		MigrationDatabaseConnectionDetails reporting() {
			return MigrationDatabaseConnectionDetails.of("reporting", new JdbcConnectionDetails() {

				@Override
				public String getUsername() {
					return "default";
				}

				@Override
				public String getPassword() {
					return "";
				}

				@Override
				public String getJdbcUrl() {
					return reporting;
				}

			});
		}

		@Bean
		MigrationDatabaseConnectionDetails extra() {
			return MigrationDatabaseConnectionDetails.of("extra", extra, "default", "");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Tenants {

		static List<String> urls;

		volatile ClickHouseMigrationsCompletedEvent completed;

		@Bean
		MigrationDatabaseProvider tenants() {
			return () -> List.of(MigrationDatabase.of("tenant-1", new DriverManagerDataSource(urls.get(0), "default", "")),
					MigrationDatabase.of("tenant-2", new DriverManagerDataSource(urls.get(1), "default", "")));
		}

		@EventListener
		void completed(ClickHouseMigrationsCompletedEvent event) {
			this.completed = event;
		}

	}

}
