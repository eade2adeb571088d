package org.clickhousemigrations.autoconfigure;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.clickhousemigrations.MigrationListener;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.EmbeddedClickHouseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A password given as a placeholder (and one written literally) never leaves the statement: it is
 * looked for in every output of the library, of a succeeding and of a failing statement: logs at
 * every level, the failure and its causes, listeners' events, the history table, dry-run, status,
 * history and validate (text and JSON), the endpoint while a statement runs and after, health, and
 * the HTML report.
 */
@ExtendWith({ EmbeddedClickHouseExtension.class, OutputCaptureExtension.class })
class SecretsIT {

	private static final String PASSWORD = "Hunter2-Secret-9";

	private static final String DECLARED = "Other-Secret-7";

	private static final String LITERAL = "Literal-Pw-5";

	private static final List<String> heard = new CopyOnWriteArrayList<>();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aPasswordIsInNoOutputOfTheLibrary(EmbeddedClickHouse clickHouse, CapturedOutput output, @TempDir Path root)
			throws Exception {
		String database = clickHouse.createDatabase("secrets");
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		List<String> settings = List.of("clickhouse.migrations.locations=classpath:db/it/secrets",
				"clickhouse.migrations.placeholders.pg_password=" + PASSWORD,
				"clickhouse.migrations.placeholders.dsn_part=" + DECLARED,
				"clickhouse.migrations.secret-placeholders=dsn_part", "logging.level.org.clickhousemigrations=TRACE",
				"management.endpoints.web.exposure.include=health,clickhousemigrations",
				"management.endpoint.health.show-details=always", "clickhouse.migrations.fail-on-error=false",
				"server.port=" + port);
		List<String> seen = new ArrayList<>();
		for (String format : List.of("text", "json")) {
			command(clickHouse, database, settings, "dry-run", format);
		}

		// Boot: V1 runs for 7 s (the endpoint shows it running), V2 fails.
		List<String> endpoint = new CopyOnWriteArrayList<>();
		AtomicBoolean booting = new AtomicBoolean(true);
		Thread poller = new Thread(() -> {
			while (booting.get()) {
				try {
					endpoint.add(get(port, "/actuator/clickhousemigrations"));
				}
				catch (Exception ex) {
					// Not listening yet.
				}
				sleep(300);
			}
		});
		poller.start();
		try (ConfigurableApplicationContext context = MigrationApps.run(clickHouse, database, true, Listener.class,
				settings.toArray(String[]::new))) {
			booting.set(false);
			poller.join();
			seen.add(get(port, "/actuator/clickhousemigrations"));
			seen.add(get(port, "/actuator/health"));
		}
		assertThat(endpoint).as("the endpoint showed the running statement, masked")
			.anyMatch((body) -> body.contains("sleepEachRow") && body.contains("length('******')"));
		seen.addAll(endpoint);
		seen.addAll(heard);

		for (String command : List.of("status", "history", "validate")) {
			for (String format : List.of("text", "json")) {
				command(clickHouse, database, settings, command, format);
			}
		}
		Path report = root.resolve("report.html");
		command(clickHouse, database, settings, "report", "text", "clickhouse.migrations.file=" + report);
		seen.add(Files.readString(report));
		seen.add(clickHouse.query("SELECT * FROM " + database + ".clickhouse_migrations FORMAT TSV"));
		seen.add(output.getAll());

		assertThat(output.getAll()).as("the failure was logged, its statement masked")
			.contains("postgresql('127.0.0.1:1', 'db', 'src', 'reader', '******')")
			.contains("mysql('127.0.0.1:1', 'db', 'src', 'reader', '******')")
			.contains("length('******') + length('******')");
		assertThat(String.join("\n", heard)).contains("failed default:2");
		for (String text : seen) {
			assertThat(text).doesNotContain(PASSWORD).doesNotContain(DECLARED).doesNotContain(LITERAL);
		}
		clickHouse.query("SYSTEM FLUSH LOGS");
		String kept = clickHouse.query("SELECT count() FROM system.query_log WHERE current_database = '" + database
				+ "' AND position(query, '" + PASSWORD + "') > 0").trim();
		System.out.println("Outputs checked for the password: " + seen.size() + "; rows of ClickHouse's own "
				+ "system.query_log that hold it: " + kept);
	}

	private static void command(EmbeddedClickHouse clickHouse, String database, List<String> settings, String command,
			String format, String... more) {
		List<String> all = new ArrayList<>(settings.stream().filter((setting) -> !setting.startsWith("server.port"))
			.toList());
		all.addAll(List.of("clickhouse.migrations.command=" + command, "clickhouse.migrations.output=" + format));
		all.addAll(List.of(more));
		MigrationApps.run(clickHouse, database, true, all.toArray(String[]::new)).close();
	}

	private String get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString()).body();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Notes every event a listener hears, with the failure's messages and stack trace. */
	@Configuration(proxyBeanMethods = false)
	static class Listener {

		@Bean
		MigrationListener recordingListener() {
			return new MigrationListener() {

				@Override
				public void succeeded(MigrationDatabase database, ResolvedMigration migration, boolean rollback,
						long millis) {
					heard.add("succeeded " + migration.key());
				}

				@Override
				public void failed(MigrationDatabase database, ResolvedMigration migration, boolean rollback,
						long millis, Exception failure) {
					StringWriter trace = new StringWriter();
					failure.printStackTrace(new PrintWriter(trace));
					heard.add("failed " + migration.key() + "\n" + trace);
				}

			};
		}

	}

}
