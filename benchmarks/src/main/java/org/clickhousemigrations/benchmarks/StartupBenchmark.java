package org.clickhousemigrations.benchmarks;

import java.nio.file.Path;

import org.clickhousemigrations.test.EmbeddedClickHouse;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** What the starter adds to the start-up of an application with nothing pending. */
final class StartupBenchmark {

	private StartupBenchmark() {
	}

	static void run(EmbeddedClickHouse clickHouse, Path migrations, String database) throws Exception {
		System.out.println("\n## Start-up of a Spring Boot application with nothing pending (median of 10)\n");
		String[] properties = { "spring.datasource.url=" + clickHouse.jdbcUrl(database),
				"spring.datasource.username=" + clickHouse.username(), "spring.main.banner-mode=off",
				"logging.level.root=WARN", "clickhouse.migrations.locations=filesystem:" + migrations };
		start(properties, true);
		long without = BenchmarkMain.median(10, () -> start(properties, false));
		long with = BenchmarkMain.median(10, () -> start(properties, true));
		System.out.println("| application | start-up ms |");
		System.out.println("|---|---|");
		System.out.printf("| without the starter (clickhouse.migrations.enabled=false) | %d |%n", without);
		System.out.printf("| with the starter | %d |%n", with);
		System.out.printf("| added by the starter | %d |%n", with - without);
	}

	private static long start(String[] properties, boolean enabled) {
		long started = System.nanoTime();
		new SpringApplicationBuilder(StartupApp.class).web(WebApplicationType.NONE)
			.properties(properties)
			.properties("clickhouse.migrations.enabled=" + enabled)
			.run()
			.close();
		return (System.nanoTime() - started) / 1_000_000;
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class StartupApp {

	}

}
