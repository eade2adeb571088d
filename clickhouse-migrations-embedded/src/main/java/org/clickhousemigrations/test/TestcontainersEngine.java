package org.clickhousemigrations.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
		if (!dockerConfigured()) {
			return "Docker is not running (no DOCKER_HOST and no Docker socket)";
		}
		// Only now that the module is there may its classes be touched.
		return TestcontainersStarter.dockerAvailable() ? null : "Docker is not running (Testcontainers found none)";
	}

	// Where Docker, or a setting for Testcontainers, could be: without any, Testcontainers need not
	// look (and log its search as an error) on every machine without Docker.
	private boolean dockerConfigured() {
		if (this.settings.apply("DOCKER_HOST") != null
				|| this.settings.apply("TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE") != null) {
			return true;
		}
		String home = System.getProperty("user.home");
		String runtime = this.settings.apply("XDG_RUNTIME_DIR");
		List<Path> places = new ArrayList<>(List.of(Path.of("/var/run/docker.sock"),
				Path.of(home, ".docker", "run", "docker.sock"), Path.of(home, ".docker", "desktop", "docker.sock"),
				Path.of(home, ".testcontainers.properties")));
		if (runtime != null) {
			places.add(Path.of(runtime, "docker.sock"));
		}
		return places.stream().anyMatch(Files::exists);
	}

	@Override
	public Engine.External start() {
		String image = this.settings.apply("CLICKHOUSE_IMAGE");
		return TestcontainersStarter.start((image != null && !image.isBlank()) ? image.trim() : DEFAULT_IMAGE);
	}

}
