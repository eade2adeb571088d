package org.clickhousemigrations.autoconfigure;

import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.history.ClickHouseMigrationHistory;
import org.clickhousemigrations.history.MigrationHistory;
import org.clickhousemigrations.lock.MigrationLock;
import org.clickhousemigrations.model.MigrationDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class ClickHouseMigrationsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ClickHouseMigrationsAutoConfiguration.class));

	@Test
	void backsOffWithoutDataSourceOrDatabases() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ClickHouseMigrations.class));
	}

	@Test
	void usesTheApplicationDataSourceAsDatabaseDefault() {
		this.runner.withUserConfiguration(DataSourceConfig.class).run((context) -> {
			assertThat(context).hasSingleBean(ClickHouseMigrations.class)
				.hasSingleBean(ClickHouseMigrationsRunner.class)
				.hasSingleBean(MigrationLock.class)
				.hasSingleBean(ClickHouseMigrationHistory.class);
			assertThat(context.getBean(ClickHouseMigrations.class).databases()).map(MigrationDatabase::name)
				.containsExactly("default");
		});
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withUserConfiguration(DataSourceConfig.class)
			.withPropertyValues("clickhouse.migrations.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ClickHouseMigrations.class)
				.doesNotHaveBean(ClickHouseMigrationsRunner.class));
	}

	@Test
	void configuredDatabasesNeedNoApplicationDataSourceAndKeepTheirOrder() {
		this.runner
			.withPropertyValues("clickhouse.migrations.databases.zeta.url=jdbc:clickhouse://localhost:1/z",
					"clickhouse.migrations.databases.alpha.url=jdbc:clickhouse://localhost:1/a",
					"clickhouse.migrations.databases.alpha.readonly=true",
					"clickhouse.migrations.databases.alpha.modules=events,billing")
			.run((context) -> {
				List<MigrationDatabase> databases = context.getBean(ClickHouseMigrations.class).databases();
				assertThat(databases).map(MigrationDatabase::name).containsExactly("zeta", "alpha");
				assertThat(databases.get(1).readonly()).isTrue();
				assertThat(databases.get(1).modules()).containsExactly("events", "billing");
				assertThat(databases.get(0).dataSource()).isInstanceOfSatisfying(HikariDataSource.class,
						(pool) -> assertThat(pool.getPoolName()).isEqualTo("clickhouse-migrations-zeta"));
			});
	}

	@Test
	void databaseCanUseADataSourceBeanByName() {
		this.runner.withUserConfiguration(DataSourceConfig.class)
			.withPropertyValues("clickhouse.migrations.databases.main.data-source=dataSource")
			.run((context) -> assertThat(context.getBean(ClickHouseMigrations.class).databases().get(0).dataSource())
				.isSameAs(context.getBean(DataSource.class)));
	}

	@Test
	void databaseWithoutUrlOrDataSourceFailsWithTheKeyToSet() {
		this.runner.withPropertyValues("clickhouse.migrations.databases.main.migrate=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("clickhouse.migrations.databases.main.url or .data-source"));
	}

	@Test
	void backsOffWhenUserDefinesHistoryBean() {
		this.runner.withUserConfiguration(DataSourceConfig.class, UserHistoryConfig.class)
			.run((context) -> assertThat(context).getBean(MigrationHistory.class)
				.isSameAs(context.getBean("userHistory")));
	}

	@Test
	void backsOffWhenUserDefinesLockBean() {
		this.runner.withUserConfiguration(DataSourceConfig.class, UserLockConfig.class)
			.run((context) -> assertThat(context).getBean(MigrationLock.class).isSameAs(context.getBean("userLock")));
	}

	@Test
	void runsAfterDataSourceAutoConfiguration() {
		this.runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:clickhouse://localhost:1/default")
			.run((context) -> assertThat(context).hasSingleBean(ClickHouseMigrations.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class DataSourceConfig {

		@Bean
		DataSource dataSource() {
			return new DriverManagerDataSource("jdbc:clickhouse://localhost:1/default");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserHistoryConfig {

		@Bean
		MigrationHistory userHistory() {
			return mock(MigrationHistory.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserLockConfig {

		@Bean
		MigrationLock userLock() {
			return mock(MigrationLock.class);
		}

	}

}
