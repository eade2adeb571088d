package org.clickhousemigrations.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.EmbeddedClickHouseExtension;
import org.clickhousemigrations.test.EmbeddedClickHouseProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The command mode of the packaged demo, as an operator runs it: {@code java -jar demo-app.jar --clickhouse.migrations.command=...}. */
@ExtendWith(EmbeddedClickHouseExtension.class)
class DemoCommandIT {

	@TempDir
	Path workingDirectory;

	private List<String> connection;

	@BeforeEach
	void databases(EmbeddedClickHouse clickHouse) {
		Map<String, Object> properties = EmbeddedClickHouseProperties.createDatabases(clickHouse,
				List.of("reporting", "archive"));
		this.connection = properties.entrySet().stream().map((e) -> "--" + e.getKey() + "=" + e.getValue()).toList();
	}

	@Test
	void dryRunMigrateStatusValidateRollbackAndGenerate() throws Exception {
		Result dryRun = run("dry-run");
		assertThat(dryRun.code()).isZero();
		assertThat(dryRun.out()).contains("-- Database 'primary'")
			.contains("CREATE TABLE IF NOT EXISTS events")
			.contains("TTL at + INTERVAL 90 DAY;")
			.contains("-- java: backfill events_daily from events (Java step")
			.doesNotContain("Tomcat started");
		assertThat(run("status").out()).contains("Database 'primary': PENDING");

		Result migrate = run("migrate");
		assertThat(migrate.code()).isZero();
		assertThat(migrate.out()).contains("Database 'primary': UP_TO_DATE")
			.contains("Database 'reporting': DISABLED")
			.contains("Database 'archive': PENDING");
		// In the order of application.yml, although the URLs of the last two come from the command line.
		assertThat(migrate.out().indexOf("Database 'primary'")).isLessThan(migrate.out().indexOf("Database 'reporting'"));
		assertThat(migrate.out().indexOf("Database 'reporting'")).isLessThan(migrate.out().indexOf("Database 'archive'"));
		assertThat(run("validate").out()).contains("Valid");

		Result rollback = run("rollback", "--clickhouse.migrations.target=events:0001",
				"--clickhouse.migrations.database=primary");
		assertThat(rollback.code()).as(rollback.err()).isZero();
		assertThat(rollback.out()).contains("| events  | 0002    | Daily aggregate          | SQL  | PENDING |")
			.contains("| events  | 0003    | Backfill daily aggregate | JAVA | PENDING |");

		Result generate = run("generate", "--clickhouse.migrations.target=events",
				"--clickhouse.migrations.name=add country");
		assertThat(generate.code()).isZero();
		assertThat(this.workingDirectory.resolve("src/main/resources/db/clickhouse/events/V0004__add_country.sql"))
			.exists();
	}

	@Test
	void failureExitsNonZeroWithAOneLineReason() throws Exception {
		Result result = run("rollback");
		assertThat(result.code()).isEqualTo(1);
		assertThat(result.err()).contains("clickhouse-migrations rollback failed: rollback needs "
				+ "--clickhouse.migrations.target=<module>:<version>");
	}

	@Test
	void migratesWhenStartedAheadOfTime() throws Exception {
		// The jar holds what spring-boot:process-aot generated; with spring.aot.enabled the context is
		// the generated one, and the migrations are found through the runtime hints and the class index.
		// Its web application type was fixed when it was processed: the web server starts, on a free port.
		Result migrate = run(List.of("-Dspring.aot.enabled=true"), "migrate", "--server.port=0",
				"--logging.level.org.clickhousemigrations.demo=INFO");
		assertThat(migrate.code()).as(migrate.err()).isZero();
		assertThat(migrate.out()).contains("Database 'primary': UP_TO_DATE")
			.contains("| events  | 0003    | Backfill daily aggregate | JAVA | APPLIED |");
		// Spring Boot's start-up line says which context was used: the generated one.
		assertThat(migrate.err()).contains("Starting AOT-processed DemoApplication");
	}

	private Result run(String command, String... extra) throws Exception {
		return run(List.of(), command, extra);
	}

	private Result run(List<String> jvmOptions, String command, String... extra) throws Exception {
		List<String> arguments = new ArrayList<>();
		arguments.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// A short-lived JVM starts faster with the quick compiler only and the serial collector.
		arguments.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
		arguments.addAll(jvmOptions);
		arguments.addAll(List.of("-jar", jar().toString(), "--clickhouse.migrations.command=" + command,
				"--spring.main.banner-mode=off", "--logging.level.root=WARN"));
		arguments.addAll(this.connection);
		arguments.addAll(List.of(extra));
		Path out = this.workingDirectory.resolve("out.txt");
		Path err = this.workingDirectory.resolve("err.txt");
		Process process = new ProcessBuilder(arguments).directory(this.workingDirectory.toFile())
			.redirectOutput(out.toFile())
			.redirectError(err.toFile())
			.start();
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
		return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
	}

	private static Path jar() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files.filter((file) -> file.getFileName().toString().matches("demo-app-.*\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("Run 'package' first: no demo-app jar in target/"))
				.toAbsolutePath();
		}
	}

	private record Result(int code, String out, String err) {
	}

}
