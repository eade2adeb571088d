package org.clickhousemigrations.test;

import java.util.function.UnaryOperator;

/**
 * ClickHouse in a Docker container through Testcontainers' ClickHouse module, when that module is
 * on the class path and Docker runs. Testcontainers removes the container when the JVM ends. The
 * image is {@code clickhouse/clickhouse-server:26.7}, or {@code CLICKHOUSE_IMAGE}.
 */
final class TestcontainersEngine implements ContainerEngine {

	static final String DEFAULT_IMAGE = "clickhouse/clickhouse-server:26.7";

	private static final String CONTAINER_CLASS = "org.testcontainers.clickhouse.ClickHouseContainer";

	private final UnaryOperator<String> settings;

	TestcontainersEngine(UnaryOperator<String> settings) {
		this.settings = settings;
	}

	@Override
	public String unavailable() {
		try {
			Class.forName(CONTAINER_CLASS, false, TestcontainersEngine.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return "Testcontainers' ClickHouse module (org.testcontainers:testcontainers-clickhouse) is not on the "
					+ "class path";
		}
		// Only now that the module is there may its classes be touched.
		return TestcontainersStarter.dockerAvailable() ? null : "Docker is not running (Testcontainers found none)";
	}

	@Override
	public Engine.External start() {
		String image = this.settings.apply("CLICKHOUSE_IMAGE");
		return TestcontainersStarter.start((image != null && !image.isBlank()) ? image.trim() : DEFAULT_IMAGE);
	}

}
