package org.clickhousemigrations.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import java.util.concurrent.atomic.AtomicInteger;

import org.clickhousemigrations.autoconfigure.command.CommandExit;
import org.clickhousemigrations.test.EmbeddedClickHouse;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** Starts small applications on the embedded ClickHouse, so that ApplicationReadyEvent really fires. */
public final class MigrationApps {

	private MigrationApps() {
	}

	/** Runs an application whose spring.datasource points at {@code database}. */
	static ConfigurableApplicationContext run(EmbeddedClickHouse clickHouse, String database, Class<?> extraConfig,
			String... properties) {
		return runAt(clickHouse, clickHouse.jdbcUrl(database), false, extraConfig, properties);
	}

	/**
	 * Runs an application without extra beans; {@code web}: of the default web type, so that
	 * command mode decides whether a server starts.
	 */
	public static ConfigurableApplicationContext run(EmbeddedClickHouse clickHouse, String database, boolean web,
			String... properties) {
		return runAt(clickHouse, clickHouse.jdbcUrl(database), web, null, properties);
	}

	/** Runs an application with extra beans; {@code web}: with a server (on {@code server.port}). */
	static ConfigurableApplicationContext run(EmbeddedClickHouse clickHouse, String database, boolean web,
			Class<?> extraConfig, String... properties) {
		return runAt(clickHouse, clickHouse.jdbcUrl(database), web, extraConfig, properties);
	}

	/** Runs an application without extra beans whose spring.datasource is {@code url} (a proxy, say). */
	public static ConfigurableApplicationContext runAt(EmbeddedClickHouse clickHouse, String url, String... properties) {
		return runAt(clickHouse, url, false, null, properties);
	}

	private static ConfigurableApplicationContext runAt(EmbeddedClickHouse clickHouse, String url, boolean web,
			Class<?> extraConfig, String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.datasource.url=" + url,
				"spring.datasource.username=" + clickHouse.username(), "spring.datasource.password=" + clickHouse.password(),
				"spring.main.banner-mode=off", "clickhouse.migrations.lock.lease=5s"));
		all.addAll(List.of(properties));
		List<Class<?>> sources = new ArrayList<>(List.of(App.class));
		if (extraConfig != null) {
			sources.add(extraConfig);
		}
		if (web && all.stream().noneMatch((property) -> property.startsWith("server.port="))) {
			all.add("server.port=0");
		}
		SpringApplicationBuilder builder = new SpringApplicationBuilder(sources.toArray(Class[]::new));
		if (!web) {
			builder.web(WebApplicationType.NONE);
		}
		return builder.run(all.stream().map((property) -> "--" + property).toArray(String[]::new));
	}

	/** Every database property for a database named {@code name} at {@code database}. */
	public static List<String> database(EmbeddedClickHouse clickHouse, String name, String database) {
		String prefix = "clickhouse.migrations.databases." + name + ".";
		return List.of(prefix + "url=" + clickHouse.jdbcUrl(database), prefix + "username=" + clickHouse.username(),
				prefix + "password=" + clickHouse.password());
	}

	private static final AtomicInteger lastExit = new AtomicInteger(-1);

	/** The exit code of the last command run in this JVM. */
	public static int lastExit() {
		return lastExit.get();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		// Commands run in the test JVM must not end it.
		@Bean
		CommandExit recordingExit() {
			return lastExit::set;
		}

	}

}
