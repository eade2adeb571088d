package org.clickhousemigrations.autoconfigure;

import java.util.List;

import javax.sql.DataSource;

import org.clickhousemigrations.ClickHouseMigrationRouter;
import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.DeclaredSchemas;
import org.clickhousemigrations.MigrationDatabaseProvider;
import org.clickhousemigrations.MigrationListener;
import org.clickhousemigrations.engine.DefaultClickHouseMigrations;
import org.clickhousemigrations.engine.DefaultDeclaredSchemas;
import org.clickhousemigrations.execute.Retry;
import org.clickhousemigrations.history.ClickHouseMigrationHistory;
import org.clickhousemigrations.history.MigrationHistory;
import org.clickhousemigrations.lock.ClusterAwareMigrationLock;
import org.clickhousemigrations.lock.KeeperMapMigrationLock;
import org.clickhousemigrations.lock.MigrationLock;
import org.clickhousemigrations.lock.TableMigrationLock;
import org.clickhousemigrations.resolve.DeclaredSchemaReader;
import org.clickhousemigrations.resolve.DeclaredSchemaSource;
import org.clickhousemigrations.resolve.JavaMigrationFactory;
import org.clickhousemigrations.resolve.MigrationResolver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Auto-configuration of ClickHouse migrations: finds migrations, migrates every configured
 * database on {@code ApplicationReadyEvent} and exposes {@link ClickHouseMigrations} to the
 * application.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass({ ClickHouseMigrations.class, com.clickhouse.jdbc.ClickHouseDriver.class })
@ConditionalOnProperty(prefix = "clickhouse.migrations", name = "enabled", matchIfMissing = true)
@Conditional(OnDataSourceOrDatabasesCondition.class)
@EnableConfigurationProperties(ClickHouseMigrationsProperties.class)
@ImportRuntimeHints(ClickHouseMigrationsRuntimeHints.class)
public class ClickHouseMigrationsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MigrationHistory clickHouseMigrationHistory(ClickHouseMigrationsProperties properties) {
		ClickHouseMigrationsProperties.History history = properties.getHistory();
		return new ClickHouseMigrationHistory(history.getTable(), history.getDatabase(), history.getEngine());
	}

	@Bean
	@ConditionalOnMissingBean
	MigrationLock clickHouseMigrationLock(ClickHouseMigrationsProperties properties) {
		ClickHouseMigrationsProperties.Lock lock = properties.getLock();
		String table = properties.getHistory().getTable() + "_lock";
		MigrationLock single = new TableMigrationLock(table, properties.getHistory().getDatabase(), lock.getWait(),
				lock.getLease());
		MigrationLock keeper = new KeeperMapMigrationLock(table + "_keeper", lock.getKeeperPath(), lock.getWait(),
				lock.getLease());
		return switch (lock.getType()) {
			case AUTO -> new ClusterAwareMigrationLock(single, keeper);
			case TABLE -> single;
			case KEEPER_MAP -> keeper;
		};
	}

	@Bean
	@ConditionalOnMissingBean
	JavaMigrationFactory clickHouseJavaMigrationFactory(ConfigurableListableBeanFactory beanFactory) {
		// Through the context, so that migrations get constructor injection.
		return beanFactory::createBean;
	}

	@Bean
	MigrationDataSources clickHouseMigrationDataSources(ClickHouseMigrationsProperties properties,
			Environment environment, ConfigurableListableBeanFactory beanFactory, ObjectProvider<DataSource> dataSource,
			ObjectProvider<MigrationDatabaseConnectionDetails> connections, ObjectProvider<MigrationDatabaseProvider> providers) {
		return new MigrationDataSources(properties, environment, beanFactory, dataSource,
				connections.orderedStream().toList(), providers.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	MigrationResolver clickHouseMigrationResolver(ClickHouseMigrationsProperties properties,
			JavaMigrationFactory javaMigrationFactory, ConfigurableListableBeanFactory beanFactory) {
		return new MigrationResolver(properties.getLocations(), beanFactory.getBeanClassLoader(), javaMigrationFactory);
	}

	@Bean
	@ConditionalOnMissingBean
	DeclaredSchemaSource clickHouseSchemaDeclarations(ClickHouseMigrationsProperties properties,
			ConfigurableListableBeanFactory beanFactory) {
		return new DeclaredSchemaReader(properties.getLocations(), beanFactory.getBeanClassLoader());
	}

	@Bean
	@ConditionalOnMissingBean
	ClickHouseMigrations clickHouseMigrations(ClickHouseMigrationsProperties properties,
			MigrationDataSources dataSources, MigrationHistory history, MigrationLock lock, MigrationResolver resolver,
			ObjectProvider<ClickHouseMigrationRouter> routers, ObjectProvider<MigrationListener> listeners,
			ConfigurableListableBeanFactory beanFactory) {
		List<ClickHouseMigrationRouter> allRouters = routers.orderedStream().toList();
		ClickHouseMigrationRouter router = allRouters.isEmpty() ? null
				: (database, module, migration) -> allRouters.stream()
					.allMatch((each) -> each.allowMigrate(database, module, migration));
		ClickHouseMigrationsProperties.History table = properties.getHistory();
		return DefaultClickHouseMigrations.builder()
			.databases(dataSources.databases())
			// Found once, when first needed: a boot with nothing pending reads the classpath once.
			.migrations(SingletonSupplier.of(resolver::resolve))
			.historyTable(table.getTable(), table.getDatabase())
			.history(history)
			.lock(lock)
			.router(router)
			.placeholders(properties.getPlaceholders())
			.secretPlaceholders(properties.getSecretPlaceholders())
			.retry(new Retry(properties.getRetry().getAttempts(), properties.getRetry().getMaxWait()))
			.listeners(listeners.orderedStream().toList())
			.rollbackEnabled(properties.isRollbackEnabled())
			.parallelism(properties.getParallelism())
			.backfillParallelism(properties.getBackfillParallelism())
			.backfillRowsPerSecond(properties.getBackfillRowsPerSecond())
			.lint(properties.getLint().toSettings())
			.classLoader(beanFactory.getBeanClassLoader())
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	DeclaredSchemas clickHouseDeclaredSchemas(ClickHouseMigrations migrations, DeclaredSchemaSource declarations,
			ClickHouseMigrationsProperties properties) {
		return new DefaultDeclaredSchemas(migrations, declarations, properties.getPlaceholders());
	}

	@Bean
	@ConditionalOnMissingBean
	ClickHouseMigrationsRunner clickHouseMigrationsRunner(ClickHouseMigrations migrations,
			ClickHouseMigrationsProperties properties, Environment environment) {
		// In command mode the command decides what runs; nothing migrates on boot.
		return new ClickHouseMigrationsRunner(migrations, properties.isFailOnError(),
				StringUtils.hasText(environment.getProperty("clickhouse.migrations.command")));
	}

}
