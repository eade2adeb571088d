package org.clickhousemigrations.autoconfigure.safety;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.autoconfigure.MigrationApps;
import org.clickhousemigrations.model.DatabaseStatus;
import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.EmbeddedClickHouseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Statements that fail part way, in a Spring Boot application with its HikariCP pool: the failure is
 * made with {@code throwIf} on a switch table, the switch is then fixed as the cause would be, and
 * the application boots again. Nothing counts twice.
 */
@ExtendWith(EmbeddedClickHouseExtension.class)
class PartWayFailuresIT {

	// A failing mutation is given this long without progress before the run stops.
	private static final String PATIENCE = "clickhouse.migrations.retry.max-wait=2s";

	@Test
	void insertThatFailedAfterWritingRowsStopsAsPartialAndIsNeverRunAgainAsIs(EmbeddedClickHouse clickHouse) {
		String database = switched(clickHouse, "partial_insert");
		String location = "clickhouse.migrations.locations=classpath:db/it/partway/insert";
		assertThatThrownBy(() -> MigrationApps.run(clickHouse, database, false, location))
			.isInstanceOf(ClickHouseMigrationException.class)
			.hasMessageContaining("at statement 2 of 2, which failed part way")
			.hasMessageContaining("rows into " + database + ".t")
			.hasMessageContaining("FUNCTION_THROW_IF_VALUE_IS_NON_ZERO")
			.hasMessageContaining("outcome=did-not-run");
		String kept = clickHouse.query("SELECT count() FROM " + database + ".t").trim();
		assertThat(Long.parseLong(kept)).as("rows the failed INSERT kept").isBetween(1L, 50_000L);
		assertThat(clickHouse.query("SELECT event FROM " + database + ".clickhouse_migrations ORDER BY sequence DESC "
				+ "LIMIT 1")).isEqualTo("PARTIAL\n");
		fix(clickHouse, database);
		// The next boot does not run it again: the rows would count twice.
		assertThatThrownBy(() -> MigrationApps.run(clickHouse, database, false, location))
			.hasMessageContaining("statement 2 failed part way");
		assertThat(clickHouse.query("SELECT count() FROM " + database + ".t").trim()).isEqualTo(kept);
		// A person removes what it wrote and says so; then it runs once, in full.
		clickHouse.query("TRUNCATE TABLE " + database + ".t");
		MigrationApps.run(clickHouse, database, false, location, "clickhouse.migrations.command=repair",
				"clickhouse.migrations.outcome=did-not-run").close();
		try (ConfigurableApplicationContext context = MigrationApps.run(clickHouse, database, false, location)) {
			assertThat(context.getBean(ClickHouseMigrations.class).info("default").status())
				.isEqualTo(DatabaseStatus.UP_TO_DATE);
		}
		assertThat(clickHouse.query("SELECT count(), uniqExact(n) FROM " + database + ".t")).isEqualTo("100000\t100000\n");
	}

	@Test
	void mutationThatKeepsFailingIsWaitedForByTheNextBootAndNeverSentTwice(EmbeddedClickHouse clickHouse) {
		String database = switched(clickHouse, "partial_mutation");
		String location = "clickhouse.migrations.locations=classpath:db/it/partway/mutation";
		assertThatThrownBy(() -> MigrationApps.run(clickHouse, database, false, location, PATIENCE))
			.isInstanceOf(ClickHouseMigrationException.class)
			.hasMessageContaining("at statement 4 of 4")
			.hasMessageContaining("keeps failing")
			.hasMessageContaining("FUNCTION_THROW_IF_VALUE_IS_NON_ZERO")
			.hasMessageContaining("KILL MUTATION WHERE database = '" + database + "' AND table = 'm' AND mutation_id = ")
			.hasMessageContaining("the next run waits for this mutation");
		fix(clickHouse, database);
		try (ConfigurableApplicationContext context = MigrationApps.run(clickHouse, database, false, location,
				PATIENCE)) {
			assertThat(context.getBean(ClickHouseMigrations.class).info("default").status())
				.isEqualTo(DatabaseStatus.UP_TO_DATE);
		}
		// Applied once: every row's v went from 1 to 2.
		assertThat(clickHouse.query("SELECT count(), sum(v) FROM " + database + ".m")).isEqualTo("2000\t4000\n");
		assertThat(sent(clickHouse, database, "ALTER TABLE m UPDATE")).as("ALTER UPDATE sent").isEqualTo(1);
	}

	@Test
	void mutationFixedWhileTheRunWaitsEndsInTheSameRun(EmbeddedClickHouse clickHouse) throws Exception {
		String database = switched(clickHouse, "mutation_same_run");
		Thread fixer = new Thread(() -> {
			try {
				// Fixed once the mutation has failed: it is in system.mutations with a reason.
				while (clickHouse.query("SELECT count() FROM system.mutations WHERE database = '" + database
						+ "' AND latest_fail_reason != ''").trim().equals("0")) {
					Thread.sleep(100);
				}
				fix(clickHouse, database);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		fixer.start();
		try (ConfigurableApplicationContext context = MigrationApps.run(clickHouse, database, false,
				"clickhouse.migrations.locations=classpath:db/it/partway/mutation",
				"clickhouse.migrations.retry.max-wait=30s")) {
			assertThat(context.getBean(ClickHouseMigrations.class).info("default").status())
				.isEqualTo(DatabaseStatus.UP_TO_DATE);
		}
		fixer.join();
		assertThat(clickHouse.query("SELECT count(), sum(v) FROM " + database + ".m")).isEqualTo("2000\t4000\n");
		assertThat(sent(clickHouse, database, "ALTER TABLE m UPDATE")).isEqualTo(1);
	}

	@Test
	void javaStepThatFailedAfterItsFirstWriteResumesWithThatWriteSkipped(EmbeddedClickHouse clickHouse) {
		String database = switched(clickHouse, "partial_java");
		String location = "clickhouse.migrations.locations=classpath:db/it/partway/java";
		assertThatThrownBy(() -> MigrationApps.run(clickHouse, database, false, location))
			.isInstanceOf(ClickHouseMigrationException.class)
			.hasMessageContaining("at statement 2 of 2")
			.hasMessageContaining("FUNCTION_THROW_IF_VALUE_IS_NON_ZERO");
		assertThat(clickHouse.query("SELECT count() FROM " + database + ".j")).isEqualTo("5\n");
		fix(clickHouse, database);
		MigrationApps.run(clickHouse, database, false, location).close();
		assertThat(clickHouse.query("SELECT count(), uniqExact(n) FROM " + database + ".j")).isEqualTo("6\t6\n");
		assertThat(sent(clickHouse, database, "INSERT INTO j SELECT number FROM numbers(5)")).isEqualTo(1);
	}

	// A fresh database with the switch on: statements that read it fail.
	private static String switched(EmbeddedClickHouse clickHouse, String prefix) {
		String database = clickHouse.createDatabase(prefix);
		clickHouse.query("CREATE TABLE " + database + ".sw (id UInt8, fail UInt8) ENGINE = Join(ANY, LEFT, id)");
		clickHouse.query("INSERT INTO " + database + ".sw VALUES (0, 1)");
		return database;
	}

	// The cause of the failure goes away.
	private static void fix(EmbeddedClickHouse clickHouse, String database) {
		clickHouse.query("TRUNCATE TABLE " + database + ".sw");
		clickHouse.query("INSERT INTO " + database + ".sw VALUES (0, 0)");
	}

	// How many times ClickHouse was sent a statement that starts with this text.
	private static int sent(EmbeddedClickHouse clickHouse, String database, String statement) {
		clickHouse.query("SYSTEM FLUSH LOGS");
		return Integer.parseInt(clickHouse.query("SELECT count() FROM system.query_log WHERE type IN "
				+ "('QueryFinish', 'ExceptionBeforeStart', 'ExceptionWhileProcessing') AND current_database = '"
				+ database + "' AND startsWith(query, '" + statement + "')").trim());
	}

}
