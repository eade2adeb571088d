package org.clickhousemigrations.autoconfigure.actuate;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.autoconfigure.ClickHouseMigrationsAutoConfiguration;
import org.clickhousemigrations.autoconfigure.ClickHouseMigrationsProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** Auto-configuration of the {@code clickhouseMigrations} health contributor. */
@AutoConfiguration(after = ClickHouseMigrationsAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(ClickHouseMigrations.class)
@ConditionalOnEnabledHealthIndicator("clickhouseMigrations")
public class ClickHouseMigrationsHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "clickhouseMigrationsHealthIndicator")
	ClickHouseMigrationsHealthIndicator clickhouseMigrationsHealthIndicator(ClickHouseMigrations migrations,
			ClickHouseMigrationsProperties properties) {
		return new ClickHouseMigrationsHealthIndicator(migrations, properties.getHealth().getCache());
	}

}
