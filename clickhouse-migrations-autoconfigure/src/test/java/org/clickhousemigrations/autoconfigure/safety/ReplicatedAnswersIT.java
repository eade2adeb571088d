package org.clickhousemigrations.autoconfigure.safety;

import java.util.ArrayList;
import java.util.List;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.autoconfigure.MigrationApps;
import org.clickhousemigrations.model.DatabaseStatus;
import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.EmbeddedClickHouseExtension;
import org.clickhousemigrations.test.FaultProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answers a replicated ClickHouse gives (a cluster, a {@code Replicated} database, ClickHouse
 * Cloud), and lost answers, put in front of one server by a {@link FaultProxy}, to a Spring Boot
 * application with its HikariCP pool: every run ends in one boot with the data of a run without
 * them, each statement applied once. The module: a CREATE TABLE, an INSERT of 100 rows, an ALTER
 * UPDATE of half of them, an INSERT of one row.
 */
@ExtendWith(EmbeddedClickHouseExtension.class)
class ReplicatedAnswersIT {

	private static final String LOCATION = "clickhouse.migrations.locations=classpath:db/it/replicated";

	private static final String UNINTERRUPTED = "101\t157\n";

	@ParameterizedTest(name = "{1} refused before running statement {2}")
	@CsvSource({ "517, CANNOT_ASSIGN_ALTER, 3", "242, TABLE_IS_READ_ONLY, 2", "252, TOO_MANY_PARTS, 4",
			"202, TOO_MANY_SIMULTANEOUS_QUERIES, 2", "473, DEADLOCK_AVOIDED, 3",
			"286, UNSATISFIED_QUORUM_FOR_PREVIOUS_WRITE, 4" })
	void refusedBeforeRunningIsRetriedWithBackOff(int code, String name, int statement, EmbeddedClickHouse clickHouse)
			throws Exception {
		String database = clickHouse.createDatabase("refused");
		try (FaultProxy proxy = new FaultProxy(clickHouse.httpUrl())) {
			// Refused twice in a row, as a replica that is busy for a moment.
			proxy.refuse(statement, code, name);
			proxy.refuse(statement + 1, code, name);
			boot(clickHouse, proxy.jdbcUrl(database));
			assertThat(proxy.statements()).as("answered").hasSize(4);
		}
		assertThat(clickHouse.query("SELECT count(), sum(v) FROM " + database + ".e")).isEqualTo(UNINTERRUPTED);
	}

	@ParameterizedTest(name = "{1} answered after running statement {2}")
	@CsvSource({ "999, KEEPER_EXCEPTION, 3", "319, UNKNOWN_STATUS_OF_INSERT, 2", "319, UNKNOWN_STATUS_OF_INSERT, 4",
			"999, KEEPER_EXCEPTION, 2" })
	void errorAfterRunningIsLookedUpAndNotSentAgain(int code, String name, int statement, EmbeddedClickHouse clickHouse)
			throws Exception {
		String database = clickHouse.createDatabase("after");
		try (FaultProxy proxy = new FaultProxy(clickHouse.httpUrl())) {
			proxy.errorAfterRunning(statement, code, name);
			boot(clickHouse, proxy.jdbcUrl(database));
			assertThat(proxy.statements()).as("sent once each").hasSize(4)
				.allMatch((queryId) -> queryId.endsWith("_a1"));
		}
		assertThat(clickHouse.query("SELECT count(), sum(v) FROM " + database + ".e")).isEqualTo(UNINTERRUPTED);
	}

	@Test
	void errorThatMayHideWorkButCameBeforeItRanIsLookedUpAndSent(EmbeddedClickHouse clickHouse) throws Exception {
		String database = clickHouse.createDatabase("keeper");
		try (FaultProxy proxy = new FaultProxy(clickHouse.httpUrl())) {
			proxy.refuse(3, 999, "KEEPER_EXCEPTION");
			boot(clickHouse, proxy.jdbcUrl(database));
			assertThat(proxy.statements()).hasSize(4);
		}
		assertThat(clickHouse.query("SELECT count(), sum(v) FROM " + database + ".e")).isEqualTo(UNINTERRUPTED);
	}

	@Test
	void answerLostAfterAnyStatementTheBootEndsAsAnUninterruptedOne(EmbeddedClickHouse clickHouse) throws Exception {
		List<String> checked = new ArrayList<>();
		for (int k = 1; k <= 4; k++) {
			String database = clickHouse.createDatabase("lost");
			try (FaultProxy proxy = new FaultProxy(clickHouse.httpUrl())) {
				proxy.loseAnswers(k);
				boot(clickHouse, proxy.jdbcUrl(database));
				checked.add(k + ": " + proxy.statements().get(k - 1));
			}
			assertThat(clickHouse.query("SELECT count(), sum(v) FROM " + database + ".e")).as("answer %d lost", k)
				.isEqualTo(UNINTERRUPTED);
		}
		System.out.println("Lost answers through Spring Boot's pool: " + checked.size() + " statements, each boot equal "
				+ "to an uninterrupted one:\n  " + String.join("\n  ", checked));
	}

	// One boot of the application, which must end with everything applied.
	private static void boot(EmbeddedClickHouse clickHouse, String url) {
		try (ConfigurableApplicationContext context = MigrationApps.runAt(clickHouse, url, LOCATION,
				"clickhouse.migrations.retry.max-wait=5s")) {
			assertThat(context.getBean(ClickHouseMigrations.class).info("default").status())
				.isEqualTo(DatabaseStatus.UP_TO_DATE);
		}
	}

}
