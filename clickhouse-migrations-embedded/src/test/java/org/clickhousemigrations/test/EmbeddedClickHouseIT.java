package org.clickhousemigrations.test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class EmbeddedClickHouseIT {

	@Test
	void startsAnswersOverJdbcAndStopsCleanly() throws Exception {
		assumeStartsItsOwnServer();
		EmbeddedClickHouse clickHouse = EmbeddedClickHouse.start();
		Path directory = clickHouse.directory();
		ProcessHandle server = ProcessHandle.of(clickHouse.pid().getAsLong()).orElseThrow();
		try (Connection connection = DriverManager.getConnection(clickHouse.jdbcUrl(), clickHouse.username(),
				clickHouse.password()); ResultSet result = connection.createStatement().executeQuery("SELECT 40 + 2")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getInt(1)).isEqualTo(42);
		}
		assertThat(Files.isDirectory(directory.resolve("data"))).isTrue();
		clickHouse.close();
		assertThat(server.isAlive()).isFalse();
		assertThat(directory).doesNotExist();
		assertThatThrownBy(() -> clickHouse.query("SELECT 1")).hasMessageContaining("did not answer");
		clickHouse.close();
	}

	@Test
	void twoServersRunAtOnceWithTheirOwnData() {
		assumeStartsItsOwnServer();
		try (EmbeddedClickHouse first = EmbeddedClickHouse.start(); EmbeddedClickHouse second = EmbeddedClickHouse.start()) {
			assertThat(first.httpPort()).isNotEqualTo(second.httpPort());
			assertThat(first.directory()).isNotEqualTo(second.directory());
			first.query("CREATE TABLE only_here (id UInt8) ENGINE = MergeTree ORDER BY id");
			assertThat(first.query("EXISTS TABLE only_here").trim()).isEqualTo("1");
			assertThat(second.query("EXISTS TABLE only_here").trim()).isEqualTo("0");
		}
	}

	@Test
	void explicitUrlIsUsedInsteadOfStartingAServer() {
		try (EmbeddedClickHouse running = EmbeddedClickHouse.start()) {
			EngineLocator locator = new EngineLocator((name) -> name.equals("CLICKHOUSE_URL") ? running.jdbcUrl() : null,
					"npm", "Linux", "amd64", new TestcontainersEngine((name) -> null));
			EmbeddedClickHouse external = EmbeddedClickHouse.builder().engine(locator.locate()).start();
			assertThat(external.pid()).isEmpty();
			assertThat(external.directory()).isNull();
			assertThat(external.httpUrl()).isEqualTo(running.httpUrl());
			String database = external.createDatabase("via_url");
			assertThat(running.query("EXISTS DATABASE " + database).trim()).isEqualTo("1");
			external.close();
			assertThat(running.query("SELECT 1").trim()).isEqualTo("1");
			assertThatIllegalStateException()
				.isThrownBy(() -> EmbeddedClickHouse.builder().user("app", "s3cret", false).engine(locator.locate()).start())
				.withMessageContaining("unset CLICKHOUSE_URL");
		}
	}

	@Test
	void configFileGivesUsersWithPasswordsAndTheQueryLog() throws Exception {
		assumeStartsItsOwnServer();
		try (EmbeddedClickHouse clickHouse = EmbeddedClickHouse.builder()
			.user("app", "s3cret", false)
			.user("reader", "r", true)
			.start()) {
			try (Connection app = DriverManager.getConnection(clickHouse.jdbcUrl(), "app", "s3cret")) {
				app.createStatement().execute("CREATE TABLE t (id UInt8) ENGINE = MergeTree ORDER BY id");
			}
			assertThatThrownBy(() -> DriverManager.getConnection(clickHouse.jdbcUrl(), "app", "wrong")
				.createStatement()
				.executeQuery("SELECT 1")).hasMessageContaining("password");
			try (Connection reader = DriverManager.getConnection(clickHouse.jdbcUrl(), "reader", "r")) {
				assertThatThrownBy(() -> reader.createStatement().execute("INSERT INTO t VALUES (1)"))
					.hasMessageContaining("readonly");
			}
			clickHouse.query("SYSTEM FLUSH LOGS");
			assertThat(Integer.parseInt(clickHouse
				.query("SELECT count() FROM system.query_log WHERE query LIKE 'CREATE TABLE t %' AND user = 'app'")
				.trim())).isPositive();
		}
	}

	@Test
	void killedOwnerLeavesNoServerBehind() throws Exception {
		assumeStartsItsOwnServer();
		Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), OwnerMain.class.getName())
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		try {
			String[] line = readServerLine(owner);
			ProcessHandle server = ProcessHandle.of(Long.parseLong(line[1])).orElseThrow();
			URI ping = URI.create("http://127.0.0.1:" + line[2] + "/ping");
			assertThat(ping.toURL().openStream().readAllBytes()).asString().isEqualTo("Ok.\n");
			owner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			server.onExit().get(30, TimeUnit.SECONDS);
			assertThat(server.isAlive()).isFalse();
			assertThatThrownBy(() -> ping.toURL().openStream().close()).isInstanceOf(java.io.IOException.class);
			Path abandoned = Path.of(line[3]).getParent();
			assertThat(abandoned).exists();
			EmbeddedClickHouse.start().close();
			assertThat(abandoned).doesNotExist();
		}
		finally {
			owner.destroyForcibly();
		}
	}

	private static String[] readServerLine(Process owner) throws Exception {
		BufferedReader output = new BufferedReader(new InputStreamReader(owner.getInputStream()));
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		String line;
		while ((line = output.readLine()) != null && System.nanoTime() < deadline) {
			if (line.startsWith("SERVER ")) {
				return line.split(" ");
			}
		}
		throw new AssertionError("The owner JVM printed no SERVER line");
	}

	private static void assumeStartsItsOwnServer() {
		assumeTrue(Optional.ofNullable(System.getenv("CLICKHOUSE_URL")).or(() -> Optional.ofNullable(System.getProperty("CLICKHOUSE_URL"))).isEmpty(),
				"a server named by CLICKHOUSE_URL is not started by the tests");
	}


}
