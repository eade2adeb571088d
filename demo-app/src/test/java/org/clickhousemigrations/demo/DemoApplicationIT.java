package org.clickhousemigrations.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.clickhousemigrations.test.AutoConfigureEmbeddedClickHouse;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureEmbeddedClickHouse(databases = { "reporting", "archive" })
class DemoApplicationIT {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void ingestsEventsAndServesTheDailyAggregate() throws Exception {
		for (String kind : List.of("click", "click", "view")) {
			HttpResponse<String> posted = send(HttpRequest.newBuilder(uri("/events"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"userId\": 1, \"kind\": \"" + kind + "\"}")));
			assertThat(posted.statusCode()).isEqualTo(202);
		}
		HttpResponse<String> daily = send(HttpRequest.newBuilder(uri("/events/daily")));
		assertThat(daily.statusCode()).isEqualTo(200);
		assertThat(daily.body()).contains("\"kind\":\"click\",\"events\":2").contains("\"kind\":\"view\",\"events\":1");
	}

	@Test
	void isReadyOnlyAfterMigrating() throws Exception {
		HttpResponse<String> readiness = send(HttpRequest.newBuilder(uri("/actuator/health/readiness")));
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(readiness.body()).contains("\"status\":\"UP\"");
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
