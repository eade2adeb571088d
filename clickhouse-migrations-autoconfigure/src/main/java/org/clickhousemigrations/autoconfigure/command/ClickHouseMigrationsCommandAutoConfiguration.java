package org.clickhousemigrations.autoconfigure.command;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.DeclaredSchemas;
import org.clickhousemigrations.autoconfigure.ClickHouseMigrationsAutoConfiguration;
import org.clickhousemigrations.autoconfigure.ClickHouseMigrationsProperties;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Command mode: with {@code clickhouse.migrations.command} set, runs that command instead of the
 * boot-time migration, prints its report and exits.
 */
@AutoConfiguration(after = ClickHouseMigrationsAutoConfiguration.class)
@ConditionalOnBean(ClickHouseMigrations.class)
@ConditionalOnProperty(prefix = "clickhouse.migrations", name = "command")
@EnableConfigurationProperties(CommandArguments.class)
public class ClickHouseMigrationsCommandAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CommandExit clickHouseMigrationsCommandExit(ConfigurableApplicationContext context) {
		return (code) -> System.exit(SpringApplication.exit(context, () -> code));
	}

	@Bean
	@ConditionalOnMissingBean
	ClickHouseMigrationsCommandRunner clickHouseMigrationsCommandRunner(ClickHouseMigrations migrations,
			DeclaredSchemas schemas, CommandArguments arguments, ClickHouseMigrationsProperties properties,
			CommandExit exit) {
		return new ClickHouseMigrationsCommandRunner(migrations, schemas, arguments, properties.getLocations().get(0),
				exit, System.out, System.err);
	}

}
