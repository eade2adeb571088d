package org.clickhousemigrations.autoconfigure.actuate;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import db.it.readiness.V1__RecordReadiness;
import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.EmbeddedClickHouseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(EmbeddedClickHouseExtension.class)
class ClickHouseMigrationsHealthIT {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void unreachableDatabaseIsReportedAndHealthIsDown(EmbeddedClickHouse clickHouse) throws Exception {
		String database = clickHouse.createDatabase("healthy");
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		try (ConfigurableApplicationContext context = run(clickHouse, database,
				"clickhouse.migrations.locations=classpath:db/it/states",
				"clickhouse.migrations.databases.main.data-source=dataSource",
				"clickhouse.migrations.databases.gone.url=jdbc:clickhouse://127.0.0.1:" + closedPort + "/x",
				"clickhouse.migrations.databases.gone.password=hunter2", "clickhouse.migrations.fail-on-error=false")) {
			String port = context.getEnvironment().getProperty("local.server.port");
			HttpResponse<String> endpoint = send(port, "/actuator/clickhousemigrations");
			assertThat(endpoint.statusCode()).isEqualTo(200);
			DocumentContext json = JsonPath.parse(endpoint.body());
			assertThat(json.read("$.databases.main.status", String.class)).isEqualTo("UP_TO_DATE");
			assertThat(json.read("$.databases.gone.status", String.class)).isEqualTo("UNREACHABLE");
			assertThat(endpoint.body()).doesNotContain("hunter2").doesNotContain(String.valueOf(closedPort));

			HttpResponse<String> health = send(port, "/actuator/health");
			assertThat(health.statusCode()).isEqualTo(503);
			DocumentContext healthJson = JsonPath.parse(health.body());
			assertThat(healthJson.read("$.components.clickhouseMigrations.status", String.class)).isEqualTo("DOWN");
			assertThat(healthJson.read("$.components.clickhouseMigrations.details.databases.gone", String.class))
				.isEqualTo("UNREACHABLE");
			assertThat(health.body()).doesNotContain("hunter2");
		}
	}

	@Test
	void twentyProbesReadTheHistoryOnce(EmbeddedClickHouse clickHouse) throws Exception {
		String database = clickHouse.createDatabase("probed");
		try (ConfigurableApplicationContext context = run(clickHouse, database,
				"clickhouse.migrations.locations=classpath:db/it/states")) {
			String port = context.getEnvironment().getProperty("local.server.port");
			clickHouse.query("SYSTEM FLUSH LOGS");
			String since = clickHouse.query("SELECT now64(6)").trim();
			for (int probe = 0; probe < 20; probe++) {
				assertThat(send(port, "/actuator/health").statusCode()).isEqualTo(200);
			}
			clickHouse.query("SYSTEM FLUSH LOGS");
			assertThat(clickHouse.query("SELECT count() FROM system.query_log WHERE type = 'QueryFinish' AND "
					+ "event_time_microseconds > toDateTime64('" + since + "', 6) AND query LIKE 'SELECT module, version%' "
					+ "AND current_database = '" + database + "'").trim()).as("history reads").isEqualTo("1");
		}
	}

	@Test
	void readinessAcceptsTrafficOnlyAfterTheMigrationsRan(EmbeddedClickHouse clickHouse) {
		String database = clickHouse.createDatabase("readiness");
		try (ConfigurableApplicationContext context = run(clickHouse, database,
				"clickhouse.migrations.locations=classpath:db/it/readiness")) {
			assertThat(V1__RecordReadiness.SEEN.get()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
			assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
				.isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
		}
	}

	private static ConfigurableApplicationContext run(EmbeddedClickHouse clickHouse, String database,
			String... properties) {
		return new SpringApplicationBuilder(App.class).web(WebApplicationType.SERVLET)
			.properties("server.port=0", "spring.datasource.url=" + clickHouse.jdbcUrl(database),
					"spring.datasource.username=" + clickHouse.username(), "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=health,clickhousemigrations",
					"management.endpoint.health.show-details=always")
			.properties(properties)
			.run();
	}

	private HttpResponse<String> send(String port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

}
