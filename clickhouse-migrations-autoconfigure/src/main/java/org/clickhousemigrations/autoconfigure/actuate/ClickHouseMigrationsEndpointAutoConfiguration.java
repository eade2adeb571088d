package org.clickhousemigrations.autoconfigure.actuate;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.autoconfigure.ClickHouseMigrationsAutoConfiguration;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Auto-configuration of the {@code clickhousemigrations} actuator endpoint. */
@AutoConfiguration(after = ClickHouseMigrationsAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(ClickHouseMigrations.class)
@ConditionalOnAvailableEndpoint(ClickHouseMigrationsEndpoint.class)
public class ClickHouseMigrationsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClickHouseMigrationsEndpoint clickHouseMigrationsEndpoint(ClickHouseMigrations migrations) {
		return new ClickHouseMigrationsEndpoint(migrations);
	}

}
