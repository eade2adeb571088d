package org.clickhousemigrations.autoconfigure.actuate;

import io.micrometer.core.instrument.MeterRegistry;
import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.autoconfigure.ClickHouseMigrationsAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Auto-configuration of migration metrics when Micrometer is present. */
@AutoConfiguration(after = ClickHouseMigrationsAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, ClickHouseMigrations.class })
public class ClickHouseMigrationsMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClickHouseMigrationsMetrics clickHouseMigrationsMetrics(ObjectProvider<ClickHouseMigrations> migrations) {
		// A provider: the migrations bean collects this one among its listeners.
		return new ClickHouseMigrationsMetrics(migrations);
	}

}
