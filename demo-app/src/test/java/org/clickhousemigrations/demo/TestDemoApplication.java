package org.clickhousemigrations.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.EmbeddedClickHouseProperties;

import org.springframework.boot.SpringApplication;

/**
 * Runs the demo on an embedded ClickHouse, started for it and stopped with it:
 * {@code ./mvnw -pl demo-app -am spring-boot:test-run}.
 */
public final class TestDemoApplication {

	private TestDemoApplication() {
	}

	public static void main(String[] args) {
		Map<String, Object> properties = EmbeddedClickHouseProperties.createDatabases(EmbeddedClickHouse.shared(),
				List.of("reporting", "archive"));
		List<String> arguments = new ArrayList<>(List.of(args));
		properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
		SpringApplication.from(DemoApplication::main).run(arguments.toArray(String[]::new));
	}

}
