package org.clickhousemigrations.autoconfigure;

import java.util.Map;

import javax.sql.DataSource;

import org.clickhousemigrations.MigrationDatabaseProvider;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when there is a DataSource bean, at least one configured migration database, or a
 * {@link MigrationDatabaseProvider} or {@link MigrationDatabaseConnectionDetails} bean.
 */
class OnDataSourceOrDatabasesCondition extends SpringBootCondition implements ConfigurationCondition {

	@Override
	public ConfigurationPhase getConfigurationPhase() {
		return ConfigurationPhase.REGISTER_BEAN;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		boolean databases = Binder.get(context.getEnvironment())
			.bind("clickhouse.migrations.databases", Bindable.mapOf(String.class, Object.class))
			.map(Map::size)
			.orElse(0) > 0;
		if (databases) {
			return ConditionOutcome.match("clickhouse.migrations.databases is configured");
		}
		String[] dataSources = context.getBeanFactory().getBeanNamesForType(DataSource.class, true, false);
		String[] providers = context.getBeanFactory().getBeanNamesForType(MigrationDatabaseProvider.class, true, false);
		String[] connections = context.getBeanFactory()
			.getBeanNamesForType(MigrationDatabaseConnectionDetails.class, true, false);
		return (dataSources.length > 0) ? ConditionOutcome.match("found DataSource bean")
				: (providers.length > 0 || connections.length > 0)
						? ConditionOutcome.match("found MigrationDatabaseProvider or MigrationDatabaseConnectionDetails bean")
						: ConditionOutcome.noMatch("no DataSource bean, no MigrationDatabaseProvider or "
								+ "MigrationDatabaseConnectionDetails bean and no clickhouse.migrations.databases");
	}

}
