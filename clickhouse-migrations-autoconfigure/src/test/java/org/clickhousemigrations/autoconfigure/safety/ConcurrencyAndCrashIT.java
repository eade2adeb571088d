package org.clickhousemigrations.autoconfigure.safety;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.EmbeddedClickHouseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Real JVMs, as a deployment of several instances runs them. */
@ExtendWith(EmbeddedClickHouseExtension.class)
class ConcurrencyAndCrashIT {

	private static final int INSTANCES = 4;

	@TempDir
	Path logs;

	@Test
	void instancesBootingAtOnceApplyEachMigrationExactlyOnce(EmbeddedClickHouse clickHouse) throws Exception {
		String database = clickHouse.createDatabase("concurrent");
		List<Process> instances = new ArrayList<>();
		for (int i = 0; i < INSTANCES; i++) {
			instances.add(boot(clickHouse, database, "concurrent", "instance-" + i));
		}
		for (Process instance : instances) {
			assertThat(instance.waitFor(2, TimeUnit.MINUTES)).isTrue();
			assertThat(instance.exitValue()).isZero();
		}
		// Each INSERT ran once: the migrations were applied exactly once between them.
		assertThat(clickHouse.query("SELECT n FROM " + database + ".counter ORDER BY n")).isEqualTo("1\n2\n");
		assertThat(clickHouse.query("SELECT version, count() FROM " + database
				+ ".clickhouse_migrations WHERE event = 'APPLIED' GROUP BY version ORDER BY version"))
			.isEqualTo("1\t1\n2\t1\n");
		String allLogs = readLogs();
		assertThat(allLogs).contains("Waiting for the migration lock of database 'default', held by ");
		assertThat(allLogs.split("Database 'default' is up to date|0 migrations applied", -1).length - 1)
			.isEqualTo(INSTANCES - 1);
	}

	@Test
	void processKilledInTheMiddleResumesToTheSameSchema(EmbeddedClickHouse clickHouse) throws Exception {
		String uninterrupted = clickHouse.createDatabase("whole");
		Process whole = boot(clickHouse, uninterrupted, "killed", "whole");
		assertThat(whole.waitFor(2, TimeUnit.MINUTES)).isTrue();
		assertThat(whole.exitValue()).isZero();

		String database = clickHouse.createDatabase("killed");
		Process victim = boot(clickHouse, database, "killed", "victim");
		// Kill it while statement 3 (SELECT sleep(3)) runs, after statement 2 was recorded.
		awaitProgress(clickHouse, database, 2);
		victim.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		assertThat(clickHouse.query("SELECT event, statements_done FROM " + database
				+ ".clickhouse_migrations ORDER BY event_time")).isEqualTo("PROGRESS\t0\nPROGRESS\t1\nPROGRESS\t2\n");

		// The lock of the dead instance expires (lease 3 s), then the migration resumes at statement 3.
		Process restarted = boot(clickHouse, database, "killed", "restarted");
		assertThat(restarted.waitFor(2, TimeUnit.MINUTES)).isTrue();
		assertThat(restarted.exitValue()).isZero();
		assertThat(readLogs()).contains("Took over the migration lock of database 'default'")
			.contains("Resuming migration of default:1 'Five steps' on database 'default' at statement 3 of 5");
		for (String table : List.of("a", "b")) {
			assertThat(clickHouse.query("SELECT n FROM " + database + "." + table + " ORDER BY n"))
				.isEqualTo(clickHouse.query("SELECT n FROM " + uninterrupted + "." + table + " ORDER BY n"));
		}
		assertThat(clickHouse.query("SELECT n FROM " + database + ".a ORDER BY n")).isEqualTo("1\n2\n");
	}

	private Process boot(EmbeddedClickHouse clickHouse, String database, String scenario, String name)
			throws Exception {
		Path log = this.logs.resolve(name + ".log");
		return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), BootMain.class.getName(),
				"--spring.datasource.url=" + clickHouse.jdbcUrl(database),
				"--spring.datasource.username=" + clickHouse.username(),
				"--clickhouse.migrations.locations=classpath:db/it/" + scenario, "--clickhouse.migrations.lock.lease=3s",
				"--spring.main.banner-mode=off")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
	}

	private static void awaitProgress(EmbeddedClickHouse clickHouse, String database, int statementsDone)
			throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		while (System.nanoTime() < deadline) {
			try {
				if (clickHouse.query("SELECT count() FROM " + database + ".clickhouse_migrations WHERE statements_done = "
						+ statementsDone).trim().equals("1")) {
					return;
				}
			}
			catch (IllegalStateException ex) {
				// The history table does not exist yet.
			}
			Thread.sleep(20);
		}
		throw new AssertionError("The migration never reached statement " + statementsDone);
	}

	private String readLogs() throws Exception {
		StringBuilder all = new StringBuilder();
		try (var files = Files.list(this.logs)) {
			for (Path file : files.sorted().toList()) {
				all.append(Files.readString(file));
			}
		}
		return all.toString();
	}

}
