package org.clickhousemigrations.autoconfigure.command;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.DeclaredSchemas;
import org.clickhousemigrations.autoconfigure.ClickHouseMigrationsAutoConfiguration;
import org.clickhousemigrations.autoconfigure.ClickHouseMigrationsProperties;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Command mode: with {@code clickhouse.migrations.command} set, runs that command instead of the
 * boot-time migration, prints its report and exits. The beans exist without a command too (and then
 * do nothing), so that an application processed ahead of time, whose conditions were decided when it
 * was built, still runs the command it is given when it starts.
 */
@AutoConfiguration(after = ClickHouseMigrationsAutoConfiguration.class)
@ConditionalOnBean(ClickHouseMigrations.class)
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
