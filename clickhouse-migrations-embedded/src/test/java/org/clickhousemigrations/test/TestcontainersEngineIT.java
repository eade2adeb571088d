package org.clickhousemigrations.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The container engine, where Docker runs; skipped with the reason where it does not. */
class TestcontainersEngineIT {

	@Test
	void startsAClickHouseInAContainer() throws Exception {
		TestcontainersEngine containers = new TestcontainersEngine(System::getenv);
		String problem = containers.unavailable();
		Assumptions.assumeTrue(problem == null, () -> "Needs Docker: " + problem);
		Engine.External engine = containers.start();
		HttpResponse<String> answer = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(engine.httpBase() + "/?query=SELECT%20version()"))
				.header("X-ClickHouse-User", engine.username())
				.header("X-ClickHouse-Key", engine.password())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).startsWith("26.");
	}

}
