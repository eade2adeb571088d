package org.clickhousemigrations.test;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.clickhouse.ClickHouseContainer;

/** The calls into Testcontainers, apart so that nothing loads its classes when it is absent. */
final class TestcontainersStarter {

	private static final Logger logger = LoggerFactory.getLogger(TestcontainersStarter.class);

	private static final int HTTP_PORT = 8123;

	private TestcontainersStarter() {
	}

	static boolean dockerAvailable() {
		return DockerClientFactory.instance().isDockerAvailable();
	}

	@SuppressWarnings("resource") // Testcontainers removes it when the JVM ends.
	static Engine.External start(String image) {
		ClickHouseContainer container = new ClickHouseContainer(image);
		container.start();
		URI http = URI.create("http://" + container.getHost() + ":" + container.getMappedPort(HTTP_PORT));
		logger.info("ClickHouse {} ready in a container at {}", image, http);
		return new Engine.External(http, container.getUsername(), container.getPassword());
	}

}
