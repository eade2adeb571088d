package org.clickhousemigrations.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.MigrationInfo;
import org.clickhousemigrations.model.MigrationState;
import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.FaultProxy;
import org.clickhousemigrations.test.EmbeddedClickHouseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash matrix: the application process is killed right after ClickHouse answered statement
 * k, before the process heard the answer, for every k; a restart must end with exactly the schema
 * and data of an uninterrupted run.
 */
@ExtendWith(EmbeddedClickHouseExtension.class)
class ExactlyOnceIT {

	@TempDir
	Path logs;

	@Test
	void killedAfterAnyAnsweredStatementTheRestartEndsAsAnUninterruptedRun(EmbeddedClickHouse clickHouse)
			throws Exception {
		Uninterrupted whole = Uninterrupted.migrate(clickHouse);
		int statements = whole.statements();
		String expected = whole.snapshot();
		List<String> checked = new ArrayList<>();
		for (int k = 1; k <= statements; k++) {
			String database = clickHouse.createDatabase("killed_" + k);
			String killedAt = killAfter(clickHouse, database, k, "migrate");
			// Killed inside a Java step's code too: the restart replays it, its finished writes skipped.
			ClickHouseMigrations restarted = CrashMain.migrations(clickHouse.jdbcUrl(database));
			restarted.migrate();
			assertThat(Snapshots.of(clickHouse, database)).as("killed after statement %d (%s)", k, killedAt)
				.isEqualTo(expected);
			assertThat(restarted.info("main").migrations()).map(MigrationInfo::state)
				.containsOnly(MigrationState.APPLIED);
			checked.add(k + ": " + killedAt);
		}
		System.out.println("Crash matrix (migrate): " + checked.size() + " kill points checked, each restart equal to "
				+ "the uninterrupted run:\n  " + String.join("\n  ", checked));
		assertThat(checked).hasSize(statements);
	}

	@Test
	void answerLostAfterAnyStatementTheRunStillEndsAsAnUninterruptedOne(EmbeddedClickHouse clickHouse)
			throws Exception {
		Uninterrupted whole = Uninterrupted.migrate(clickHouse);
		int statements = whole.statements();
		String expected = whole.snapshot();
		List<String> checked = new ArrayList<>();
		for (int k = 1; k <= statements; k++) {
			String database = clickHouse.createDatabase("dropped_" + k);
			try (FaultProxy proxy = new FaultProxy(clickHouse.httpUrl())) {
				proxy.loseAnswers(k);
				// Through a connection pool, which closes the connection whose answer was lost; a Java
				// step's own statement too: the step is replayed, its finished writes skipped.
				ClickHouseMigrations migrations = CrashMain.migrations(proxy.jdbcUrl(database));
				migrations.migrate();
				String lostAt = proxy.statements().get(k - 1);
				assertThat(migrations.info("main").migrations()).map(MigrationInfo::state)
					.containsOnly(MigrationState.APPLIED);
				assertThat(Snapshots.of(clickHouse, database)).as("answer of statement %d (%s) lost", k, lostAt)
					.isEqualTo(expected);
				checked.add(k + ": " + lostAt);
			}
		}
		System.out.println("Lost answers (migrate): " + checked.size() + " statements checked, each run equal to the "
				+ "uninterrupted one:\n  " + String.join("\n  ", checked));
		assertThat(checked).hasSize(statements);
	}

	@Test
	void killedAfterAnyAnsweredRollbackStatementTheRestartEndsAsAnUninterruptedRollback(EmbeddedClickHouse clickHouse)
			throws Exception {
		String reference = clickHouse.createDatabase("rolled_back");
		CrashMain.migrations(clickHouse.jdbcUrl(reference)).migrate();
		int statements;
		try (FaultProxy proxy = new FaultProxy(clickHouse.httpUrl())) {
			CrashMain.migrations(proxy.jdbcUrl(reference)).rollback("main", "shop", "5");
			statements = proxy.answered();
		}
		String expected = Snapshots.of(clickHouse, reference);
		List<String> checked = new ArrayList<>();
		for (int k = 1; k <= statements; k++) {
			String database = clickHouse.createDatabase("unkilled_" + k);
			CrashMain.migrations(clickHouse.jdbcUrl(database)).migrate();
			String killedAt = killAfter(clickHouse, database, k, "rollback", "shop", "5");
			ClickHouseMigrations restarted = CrashMain.migrations(clickHouse.jdbcUrl(database));
			restarted.rollback("main", "shop", "5");
			assertThat(Snapshots.of(clickHouse, database)).as("killed after rollback statement %d (%s)", k, killedAt)
				.isEqualTo(expected);
			checked.add(k + ": " + killedAt);
		}
		System.out.println("Crash matrix (rollback): " + checked.size() + " kill points checked:\n  "
				+ String.join("\n  ", checked));
		assertThat(checked).hasSize(statements);
	}

	/** What an uninterrupted migrate leaves, and how many statements it sends. */
	private record Uninterrupted(String snapshot, int statements) {

		static Uninterrupted migrate(EmbeddedClickHouse clickHouse) throws Exception {
			String reference = clickHouse.createDatabase("whole");
			try (FaultProxy proxy = new FaultProxy(clickHouse.httpUrl())) {
				CrashMain.migrations(proxy.jdbcUrl(reference)).migrate();
				return new Uninterrupted(Snapshots.of(clickHouse, reference), proxy.answered());
			}
		}

	}

	// Runs CrashMain in its own JVM through a proxy that kills it right after the kth answer.
	private String killAfter(EmbeddedClickHouse clickHouse, String database, int k, String... command)
			throws Exception {
		try (FaultProxy proxy = new FaultProxy(clickHouse.httpUrl())) {
			List<String> answered = CrashMain.runKilled(proxy, database, "classpath:db/crash",
					this.logs.resolve(database + ".log"), (kill) -> proxy.afterAnswer(k, kill), command);
			assertThat(answered).hasSize(k);
			return answered.get(k - 1);
		}
	}

}
