package org.clickhousemigrations.autoconfigure.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.clickhousemigrations.ClickHouseMigrationRouter;
import org.clickhousemigrations.history.ClickHouseMigrationHistory;
import org.clickhousemigrations.model.AppliedMigration;
import org.clickhousemigrations.model.Checksums;
import org.clickhousemigrations.model.HistoryEvent;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.model.MigrationKey;
import org.clickhousemigrations.model.MigrationType;
import org.clickhousemigrations.test.AutoConfigureEmbeddedClickHouse;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "clickhouse.migrations.locations=classpath:db/it/states",
				"clickhouse.migrations.databases.main.data-source=dataSource",
				"clickhouse.migrations.databases.seeded.migrate=false",
				"management.endpoints.web.exposure.include=health,metrics,clickhousemigrations",
				"management.endpoint.health.show-details=always" })
@AutoConfigureEmbeddedClickHouse(databases = "seeded")
class ClickHouseMigrationsEndpointIT {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Value("${clickhouse.migrations.databases.seeded.url}")
	String seededUrl;

	@Autowired
	DataSource dataSource;

	@Test
	void reportsEveryStateOfEveryDatabase() throws Exception {
		seedHistory();
		DocumentContext json = get("/actuator/clickhousemigrations", 200);
		assertThat(json.read("$.databases.main.status", String.class)).isEqualTo("UP_TO_DATE");
		assertThat(json.read("$.databases.main.migrate", Boolean.class)).isTrue();
		assertThat(json.read("$.databases.main.readonly", Boolean.class)).isFalse();
		assertThat(json.read("$.databases.main.historyTable", String.class)).endsWith(".clickhouse_migrations");
		Map<String, Object> applied = json.read("$.databases.main.modules.default.migrations[0]");
		assertThat(applied).containsEntry("version", "1")
			.containsEntry("description", "Step 1")
			.containsEntry("type", "SQL")
			.containsEntry("script", "V1__step_1.sql")
			.containsEntry("checksum", checksum(1))
			.containsEntry("state", "APPLIED")
			.containsEntry("installedBy", "default")
			.containsKey("executionTimeMs");
		assertThat(Instant.parse((String) applied.get("installedOn"))).isBefore(Instant.now());

		assertThat(json.read("$.databases.seeded.status", String.class)).isEqualTo("DISABLED");
		assertThat(json.read("$.databases.seeded.migrate", Boolean.class)).isFalse();
		List<String> states = json.read("$.databases.seeded.modules.default.migrations[*].state");
		assertThat(states).containsExactly("APPLIED", "CHECKSUM_MISMATCH", "EXCLUDED", "FAILED", "PENDING");
		assertThat(json.read("$.databases.seeded.modules.other.migrations[0].state", String.class)).isEqualTo("MISSING");
		assertThat(json.read("$.databases.seeded.modules.legacy.migrations[0].state", String.class))
			.isEqualTo("BASELINE");
		Map<String, Object> pending = json.read("$.databases.seeded.modules.default.migrations[4]");
		assertThat(pending).containsEntry("installedOn", null).containsEntry("installedBy", null);
	}

	@Test
	void listsObjectsChangedOutsideMigrations() throws Exception {
		DocumentContext settled = get("/actuator/clickhousemigrations/main", 200);
		assertThat(settled.read("$.drift.length()", Integer.class)).isZero();
		assertThat(settled.read("$.schema.snapshot", Integer.class)).isPositive();
		assertThat(settled.read("$.schema.fingerprint", String.class)).hasSize(16);
		assertThat(settled.read("$.schema.objects", Map.class)).isNotEmpty();
		try (Connection connection = this.dataSource.getConnection()) {
			connection.createStatement().execute("CREATE TABLE made_by_hand (id UInt8) ENGINE = Memory");
		}
		try {
			DocumentContext json = get("/actuator/clickhousemigrations", 200);
			assertThat(json.read("$.databases.main.drift[0].object", String.class)).isEqualTo("made_by_hand");
			assertThat(json.read("$.databases.main.drift[0].change", String.class)).isEqualTo("created outside migrations");
		}
		finally {
			try (Connection connection = this.dataSource.getConnection()) {
				connection.createStatement().execute("DROP TABLE made_by_hand");
			}
		}
	}

	@Test
	void servesOneDatabaseAndNotFoundForOthers() throws Exception {
		DocumentContext json = get("/actuator/clickhousemigrations/main", 200);
		assertThat(json.read("$.status", String.class)).isEqualTo("UP_TO_DATE");
		assertThat(json.read("$.modules.default.migrations.length()", Integer.class)).isEqualTo(5);
		get("/actuator/clickhousemigrations/nope", 404);
	}

	@Test
	void neverShowsUrlsOrPasswords() throws Exception {
		String body = send("/actuator/clickhousemigrations").body();
		assertThat(body).doesNotContain("jdbc:").doesNotContain("127.0.0.1").doesNotContain("password");
	}

	@Test
	void healthIsUpWithEachDatabaseInItsDetails() throws Exception {
		DocumentContext json = get("/actuator/health", 200);
		assertThat(json.read("$.components.clickhouseMigrations.status", String.class)).isEqualTo("UP");
		assertThat(json.read("$.components.clickhouseMigrations.details.databases", Map.class))
			.containsEntry("main", "UP_TO_DATE")
			.containsEntry("seeded", "DISABLED");
	}

	@Test
	void metricsTimeEachMigrationAndCountPendingOnes() throws Exception {
		DocumentContext timer = get("/actuator/metrics/clickhouse.migrations.migration?tag=database:main"
				+ "&tag=outcome:success", 200);
		assertThat(timer.read("$.measurements[?(@.statistic == 'COUNT')].value", List.class)).containsExactly(5.0);
		DocumentContext perVersion = get("/actuator/metrics/clickhouse.migrations.migration?tag=database:main"
				+ "&tag=module:default&tag=version:3", 200);
		assertThat(perVersion.read("$.measurements[?(@.statistic == 'COUNT')].value", List.class)).containsExactly(1.0);
		DocumentContext pending = get("/actuator/metrics/clickhouse.migrations.pending?tag=database:main", 200);
		assertThat(pending.read("$.measurements[0].value", Double.class)).isZero();
		// Nothing runs now: the running statement's age is 0 (ProgressIT watches one that runs).
		DocumentContext age = get("/actuator/metrics/clickhouse.migrations.statement.age?tag=database:main", 200);
		assertThat(age.read("$.measurements[0].value", Double.class)).isZero();
		assertThat(age.read("$.baseUnit", String.class)).isEqualTo("seconds");
	}

	private void seedHistory() throws Exception {
		MigrationDatabase seeded = MigrationDatabase.of("seeded",
				new DriverManagerDataSource(this.seededUrl, "default", ""));
		ClickHouseMigrationHistory history = new ClickHouseMigrationHistory("clickhouse_migrations", null, null);
		if (history.read(seeded).exists()) {
			return;
		}
		history.create(seeded);
		history.append(seeded, List.of(row("default:1", checksum(1), HistoryEvent.APPLIED),
				row("default:2", "0000000000000000", HistoryEvent.APPLIED), row("default:4", checksum(4), HistoryEvent.FAILED),
				row("other:7", "1111111111111111", HistoryEvent.APPLIED), row("legacy:3", "", HistoryEvent.BASELINE)));
	}

	private static AppliedMigration row(String key, String checksum, HistoryEvent event) {
		return new AppliedMigration(MigrationKey.parse(key), "seeded", MigrationType.SQL, key + ".sql", checksum, event,
				0, 1, "", "seeder", Instant.parse("2026-01-02T03:04:05Z"), 7, "");
	}

	private static String checksum(int version) throws Exception {
		return Checksums.of(new ClassPathResource("db/it/states/V" + version + "__step_" + version + ".sql")
			.getContentAsString(StandardCharsets.UTF_8));
	}

	private DocumentContext get(String path, int status) throws Exception {
		HttpResponse<String> response = send(path);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return (status == 200) ? JsonPath.parse(response.body()) : null;
	}

	private HttpResponse<String> send(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		ClickHouseMigrationRouter notThreeOnSeeded() {
			return (database, module, migration) -> !(database.equals("seeded") && migration.script().startsWith("V3__"));
		}

	}


}
