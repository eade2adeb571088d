package org.clickhousemigrations.autoconfigure.command;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In command mode ({@code clickhouse.migrations.command} set) the application starts no web
 * server, unless {@code spring.main.web-application-type} says otherwise.
 */
public class CommandModeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.containsProperty("clickhouse.migrations.command")
				&& !environment.containsProperty("spring.main.web-application-type")) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("clickhouseMigrationsCommandMode",
						Map.of("spring.main.web-application-type", "none")));
		}
	}

	@Override
	public int getOrder() {
		// After the configuration files are read, so that a command set there counts too.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
