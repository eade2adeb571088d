package org.clickhousemigrations.autoconfigure.command;

import java.util.HashMap;
import java.util.Map;


import org.springframework.aot.AotDetector;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In command mode ({@code clickhouse.migrations.command} set) the application starts no web
 * server, unless {@code spring.main.web-application-type} says otherwise, and prints no banner:
 * standard output carries the command's report alone (logs go to standard error, see
 * {@link CommandModeLogging}). An application processed ahead of time keeps the web application
 * type it was processed with, since its generated context was built for that type.
 */
public class CommandModeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.containsProperty("clickhouse.migrations.command")) {
			return;
		}
		Map<String, Object> defaults = new HashMap<>();
		if (!AotDetector.useGeneratedArtifacts()) {
			defaults.put("spring.main.web-application-type", "none");
		}
		defaults.put("spring.main.banner-mode", "off");
		// Last: whatever the application sets itself wins.
		environment.getPropertySources().addLast(new MapPropertySource("clickhouseMigrationsCommandMode", defaults));
	}

	@Override
	public int getOrder() {
		// After the configuration files are read, so that a command set there counts too.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
