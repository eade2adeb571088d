package org.clickhousemigrations.execute;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.MigrationListener;
import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.fake.FakeHistory;
import org.clickhousemigrations.fake.FakeTargets;
import org.clickhousemigrations.model.AppliedMigration;
import org.clickhousemigrations.model.HistoryEvent;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.model.MigrationKey;
import org.clickhousemigrations.model.MigrationType;
import org.clickhousemigrations.plan.DoneSteps;
import org.clickhousemigrations.plan.PlannedMigration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.clickhousemigrations.fake.Migrations.sql;

class MigrationExecutorTests {

	private static final Instant STARTED = Instant.parse("2026-12-01T10:00:00Z");

	private final MigrationDatabase database = MigrationDatabase.of("main", null);

	private final List<String> journal = new ArrayList<>();

	private final FakeHistory history = new FakeHistory(this.journal);

	private final FakeTargets targets = new FakeTargets(this.journal, this.history);

	private final List<String> heard = new ArrayList<>();

	private final MigrationListener listener = new MigrationListener() {

		@Override
		public void succeeded(MigrationDatabase database, ResolvedMigration migration, boolean rollback, long millis) {
			MigrationExecutorTests.this.heard.add("succeeded " + migration.key());
		}

		@Override
		public void failed(MigrationDatabase database, ResolvedMigration migration, boolean rollback, long millis,
				Exception failure) {
			MigrationExecutorTests.this.heard.add("failed " + migration.key());
		}

	};

	@Test
	void rerunnableStatementsNeedNoRowUntilTheEnd() {
		execute(false, 0, sql("a:1", "CREATE TABLE IF NOT EXISTS t (x UInt8) ENGINE = Memory",
				"ALTER TABLE t ADD COLUMN IF NOT EXISTS y UInt8"));
		assertThat(this.journal).containsExactly("run CREATE TABLE IF NOT EXISTS t (x UInt8) ENGINE = Memory",
				"run ALTER TABLE t ADD COLUMN IF NOT EXISTS y UInt8", "record APPLIED a:1 2");
		assertThat(this.heard).containsExactly("succeeded a:1");
	}

	@Test
	void rowsWaitingAreWrittenBeforeAStatementThatIsNotRerunnable() {
		execute(false, 0, sql("a:1", "CREATE TABLE IF NOT EXISTS t (x UInt8) ENGINE = Memory"),
				sql("a:2", "INSERT INTO t VALUES (1)", "INSERT INTO t VALUES (2)"));
		assertThat(this.journal).containsExactly("run CREATE TABLE IF NOT EXISTS t (x UInt8) ENGINE = Memory",
				"record APPLIED a:1 1, PROGRESS a:2 0", "run INSERT INTO t VALUES (1)", "record PROGRESS a:2 1",
				"run INSERT INTO t VALUES (2)", "record APPLIED a:2 2");
	}

	@Test
	void failingStatementIsRecordedWithTheStatementsDoneAndStopsTheRun() {
		this.targets.failOn("INSERT INTO db.missing VALUES (1)");
		ResolvedMigration migration = sql("a:1", "INSERT INTO t VALUES (1)", "INSERT INTO ${database}.missing VALUES (1)",
				"SELECT 3");
		assertThatExceptionOfType(ClickHouseMigrationException.class)
			.isThrownBy(() -> execute(false, 0, migration, sql("a:2", "SELECT 4")))
			.withMessageContaining("Migration of a:1 'm a:1' (a:1.sql) failed on database 'main' at statement 2 of 3")
			.withMessageContaining("ClickHouse error 60: Table db.missing does not exist")
			.withMessageContaining("statement: INSERT INTO db.missing VALUES (1)")
			.withMessageContaining("it resumes at statement 2");
		// A failed INSERT may have written rows: ClickHouse is asked before the failure is recorded.
		assertThat(this.journal).containsExactly("record PROGRESS a:1 0", "run INSERT INTO t VALUES (1)",
				"record PROGRESS a:1 1", "ask " + id(migration, 1).prefix(), "record FAILED a:1 1");
		assertThat(this.history.rows().get(2).error()).contains("UNKNOWN_TABLE");
		assertThat(this.heard).containsExactly("failed a:1");
	}

	@Test
	void resumedMigrationRunsOnlyTheStatementsNotDone() {
		execute(false, 2, sql("a:1", "INSERT INTO t VALUES (1)", "INSERT INTO t VALUES (2)", "INSERT INTO t VALUES (3)"));
		assertThat(this.journal).containsExactly("record PROGRESS a:1 2", "run INSERT INTO t VALUES (3)",
				"record APPLIED a:1 3");
	}

	@Test
	void lostLockStopsBeforeTheNextStatementAndKeepsWhatWasRecorded() {
		int[] checks = { 0 };
		assertThatExceptionOfType(ClickHouseMigrationException.class).isThrownBy(() -> new MigrationExecutor(
				this.database, this.targets.open(this.database, false), List.of(), () -> {
					if (++checks[0] > 2) {
						throw new ClickHouseMigrationException("lock lost");
					}
				}, false, null).execute(plan(false, 0, sql("a:1", "CREATE TABLE IF NOT EXISTS t (x UInt8) ENGINE = Memory"),
						sql("a:2", "CREATE TABLE IF NOT EXISTS u (x UInt8) ENGINE = Memory", "SELECT 1")), false))
			.withMessage("lock lost");
		// The row of a:1 waited for a statement that needed it first; it is written on the way out.
		assertThat(this.journal).containsExactly("run CREATE TABLE IF NOT EXISTS t (x UInt8) ENGINE = Memory",
				"run CREATE TABLE IF NOT EXISTS u (x UInt8) ENGINE = Memory", "record APPLIED a:1 1, PROGRESS a:2 0");
	}

	@Test
	void rollbackRowsCountRollbackSteps() {
		execute(true, 0, sql("a:1", "INSERT INTO t VALUES (1)", "-- rollback", "DELETE FROM t WHERE 1",
				"INSERT INTO log VALUES (1)", "SELECT 3"));
		assertThat(this.journal).containsExactly("run DELETE FROM t WHERE 1", "record ROLLBACK_PROGRESS a:1 1",
				"run INSERT INTO log VALUES (1)", "record ROLLBACK_PROGRESS a:1 2", "run SELECT 3",
				"record ROLLED_BACK a:1 0");
		assertThat(this.history.rows()).allSatisfy((row) -> assertThat(row.statementsTotal()).isEqualTo(3));
		assertThat(this.history.rows().get(0).event()).isEqualTo(HistoryEvent.ROLLBACK_PROGRESS);
	}

	private void execute(boolean rollback, int startAt, ResolvedMigration... migrations) {
		new MigrationExecutor(this.database, this.targets.open(this.database, false), List.of(this.listener), () -> {
		}, false, null).execute(plan(rollback, startAt, migrations), rollback);
	}

	private static List<PlannedMigration> plan(boolean rollback, int startAt, ResolvedMigration... migrations) {
		List<PlannedMigration> plan = new ArrayList<>();
		for (ResolvedMigration migration : migrations) {
			plan.add(PlannedMigration.of(migration,
					rollback ? migration.rollbackSteps().orElseThrow() : migration.steps(), startAt, null,
					FakeTargets.PLACEHOLDERS));
		}
		return plan;
	}

	@Test
	void columnRewriteRecordsEveryStatementThatIsNotAdditive() {
		execute(false, 0, sql("a:1", "ALTER TABLE s ADD COLUMN IF NOT EXISTS tmp String",
				"ALTER TABLE s UPDATE tmp = upper(name) WHERE 1", "ALTER TABLE s DROP COLUMN IF EXISTS name",
				"ALTER TABLE s RENAME COLUMN IF EXISTS tmp TO name"));
		// The first row of the application comes before the first statement that is not additive.
		assertThat(this.journal).containsExactly("run ALTER TABLE s ADD COLUMN IF NOT EXISTS tmp String",
				"record PROGRESS a:1 0", "run ALTER TABLE s UPDATE tmp = upper(name) WHERE 1", "record PROGRESS a:1 2",
				"run ALTER TABLE s DROP COLUMN IF EXISTS name", "record PROGRESS a:1 3",
				"run ALTER TABLE s RENAME COLUMN IF EXISTS tmp TO name", "record APPLIED a:1 4");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "lost answer", "319 after the work" })
	void answerThatMayHideTheWorkIsLookedUpAndTheStatementIsNotSentAgain(String answer) {
		if (answer.equals("lost answer")) {
			this.targets.loseAnswerOf("INSERT INTO t VALUES (1)", true);
		}
		else {
			this.targets.errorAfterRunning("INSERT INTO t VALUES (1)", 319);
		}
		ResolvedMigration migration = sql("a:1", "INSERT INTO t VALUES (1)", "INSERT INTO t VALUES (2)");
		execute(false, 0, migration);
		assertThat(this.journal).containsExactly("record PROGRESS a:1 0", "run INSERT INTO t VALUES (1)",
				"ask " + id(migration, 0).prefix(), "record PROGRESS a:1 1", "run INSERT INTO t VALUES (2)",
				"record APPLIED a:1 2");
	}

	@Test
	void statementWhoseRequestNeverArrivedIsSentAgainAsTheNextAttempt() {
		this.targets.loseAnswerOf("INSERT INTO t VALUES (1)", false);
		ResolvedMigration migration = sql("a:1", "INSERT INTO t VALUES (1)");
		execute(false, 0, migration);
		assertThat(this.journal).containsExactly("record PROGRESS a:1 0", "ask " + id(migration, 0).prefix(),
				"run INSERT INTO t VALUES (1)", "record APPLIED a:1 1");
		assertThat(this.targets.queryIds()).containsExactly(id(migration, 0).attempt(2).queryId());
	}

	@Test
	void statementWhoseOutcomeCannotBeToldStopsTheRunWithARowThatSaysSo() {
		this.targets.loseAnswerOf("INSERT INTO t VALUES (2)", true).queryLogOff();
		assertThatExceptionOfType(OutcomeUnknownException.class)
			.isThrownBy(() -> execute(false, 0, sql("a:1", "INSERT INTO t VALUES (1)", "INSERT INTO t VALUES (2)",
					"INSERT INTO t VALUES (3)")))
			.withMessageContaining("at statement 2 of 3, whose outcome ClickHouse cannot tell: system.query_log is off")
			.withMessageContaining("clickhouse.migrations.outcome=ran")
			.withMessageContaining("clickhouse.migrations.outcome=did-not-run")
			.satisfies((ex) -> assertThat(ex.recorded()).isTrue());
		assertThat(this.history.rows()).last().satisfies((row) -> {
			assertThat(row.event()).isEqualTo(HistoryEvent.UNKNOWN);
			assertThat(row.statementsDone()).isEqualTo(1);
		});
		assertThat(this.heard).containsExactly("failed a:1");
	}

	@Test
	void afterATakeOverTheFirstBracketedStatementIsLookedUpBeforeItRuns() {
		// The instance that died had run statement 2 (the first that is not additive), without its row.
		ResolvedMigration migration = sql("a:1", "CREATE TABLE IF NOT EXISTS t (x UInt8) ENGINE = Memory",
				"INSERT INTO t VALUES (1)", "INSERT INTO t VALUES (2)");
		AppliedMigration started = new AppliedMigration(migration.key(), migration.description(), migration.type(),
				migration.script(), migration.checksum(), HistoryEvent.PROGRESS, 0, 3, "", "tester", STARTED, 0, "");
		this.targets.ranBefore(id(migration, 1, STARTED).queryId());
		new MigrationExecutor(this.database, this.targets.open(this.database, false), List.of(), () -> {
		}, true, null).execute(List.of(PlannedMigration.of(migration, migration.steps(), 0, started,
				FakeTargets.PLACEHOLDERS)), false);
		assertThat(this.journal).containsExactly("run CREATE TABLE IF NOT EXISTS t (x UInt8) ENGINE = Memory",
				"ask " + id(migration, 1, STARTED).prefix(), "record PROGRESS a:1 2", "run INSERT INTO t VALUES (2)",
				"record APPLIED a:1 3");
	}

	@Test
	void failureToRecordAFailureIsAddedToItNotPutInItsPlace() {
		this.targets.failOn("INSERT INTO db.missing VALUES (1)");
		// The first row of the application is written, the row of the failure is not.
		this.history.failWritesAfter(1);
		assertThatExceptionOfType(ClickHouseMigrationException.class)
			.isThrownBy(() -> execute(false, 0, sql("a:1", "INSERT INTO ${database}.missing VALUES (1)")))
			.withMessageContaining("ClickHouse error 60: Table db.missing does not exist")
			.withMessageContaining("The history row that records this could not be written either")
			.satisfies((ex) -> assertThat(ex.getSuppressed()).isNotEmpty());
	}

	@Test
	void statementRefusedBeforeItRanIsSentAgainAfterABackOff() {
		this.targets.refuse("ALTER TABLE t UPDATE v = 1 WHERE 1", 517, 242);
		ResolvedMigration migration = sql("a:1", "ALTER TABLE t UPDATE v = 1 WHERE 1");
		execute(false, 0, migration);
		assertThat(this.journal).containsExactly("record PROGRESS a:1 0", "refused ALTER TABLE t UPDATE v = 1 WHERE 1",
				"refused ALTER TABLE t UPDATE v = 1 WHERE 1", "run ALTER TABLE t UPDATE v = 1 WHERE 1",
				"record APPLIED a:1 1");
		assertThat(this.targets.queryIds()).containsExactly(id(migration, 0).attempt(3).queryId());
	}

	@Test
	void refusalsBeyondTheRetryLimitFailTheRun() {
		this.targets.refuse("ALTER TABLE t UPDATE v = 1 WHERE 1", 517, 517, 517, 517);
		assertThatExceptionOfType(ClickHouseMigrationException.class)
			.isThrownBy(() -> execute(false, 0, sql("a:1", "ALTER TABLE t UPDATE v = 1 WHERE 1")))
			.withMessageContaining("ClickHouse error 517");
		assertThat(this.journal).filteredOn((line) -> line.startsWith("refused")).hasSize(4);
		assertThat(this.history.rows()).last().satisfies((row) -> assertThat(row.event()).isEqualTo(HistoryEvent.FAILED));
	}

	@Test
	void insertThatKeptRowsStopsTheRunWithAPartialRow() {
		this.targets.failOn("INSERT INTO t SELECT * FROM big")
			.says("INSERT INTO t SELECT * FROM big", new Verdict(Verdict.Kind.PARTIAL, 1, "it wrote 49000 rows into db.t"));
		assertThatExceptionOfType(OutcomeUnknownException.class)
			.isThrownBy(() -> execute(false, 0, sql("a:1", "INSERT INTO t SELECT * FROM big")))
			.withMessageContaining("at statement 1 of 1, which failed part way: it wrote 49000 rows into db.t")
			.satisfies((ex) -> assertThat(ex.recorded()).isTrue());
		assertThat(this.history.rows()).last().satisfies((row) -> {
			assertThat(row.event()).isEqualTo(HistoryEvent.PARTIAL);
			assertThat(row.error()).isEqualTo("it wrote 49000 rows into db.t");
		});
	}

	@Test
	void mutationThatKeepsFailingStopsTheRunNamingIt() {
		this.targets.failOn("ALTER TABLE t UPDATE v = 1 WHERE 1")
			.says("ALTER TABLE t UPDATE v = 1 WHERE 1", new Verdict(Verdict.Kind.STUCK, 1, "its mutation mutation_3.txt "
					+ "of db.t keeps failing"));
		assertThatExceptionOfType(ClickHouseMigrationException.class)
			.isThrownBy(() -> execute(false, 0, sql("a:1", "ALTER TABLE t UPDATE v = 1 WHERE 1")))
			.withMessageContaining("at statement 1 of 1: its mutation mutation_3.txt of db.t keeps failing");
		assertThat(this.history.rows()).last().satisfies((row) -> assertThat(row.event()).isEqualTo(HistoryEvent.FAILED));
	}

	@Test
	void failedMutationThatClickHouseFinishedIsRecordedAsDone() {
		this.targets.failOn("ALTER TABLE t UPDATE v = 1 WHERE 1")
			.says("ALTER TABLE t UPDATE v = 1 WHERE 1", Verdict.finished(1));
		execute(false, 0, sql("a:1", "ALTER TABLE t UPDATE v = 1 WHERE 1", "INSERT INTO t VALUES (1)"));
		assertThat(this.journal).endsWith("record PROGRESS a:1 1", "run INSERT INTO t VALUES (1)", "record APPLIED a:1 2");
	}

	@Test
	void onClusterStatementThatTimedOutIsFollowedNotSentAgain() {
		String ddl = "CREATE TABLE t ON CLUSTER c (a UInt8) ENGINE = ReplicatedMergeTree ORDER BY a";
		this.targets.errorAfterRunning(ddl, 159).says(ddl, Verdict.finished(1));
		ResolvedMigration migration = sql("a:1", ddl);
		execute(false, 0, migration);
		assertThat(this.journal).containsExactly("record PROGRESS a:1 0", "run " + ddl, "ask " + id(migration, 0).prefix(),
				"record APPLIED a:1 1");
	}

	@Test
	void javaStepThatStoppedHalfWayIsReplayedWithItsFinishedWritesSkipped() {
		ResolvedMigration migration = java("a:1");
		AppliedMigration failed = new AppliedMigration(migration.key(), migration.description(), migration.type(),
				migration.script(), migration.checksum(), HistoryEvent.FAILED, 0, 1, "", "tester", STARTED, 0, "failed");
		this.targets.says("java", new Verdict(Verdict.Kind.FAILED, 1, "stopped", java.util.Map.of(1, "0f33ffc8")));
		new MigrationExecutor(this.database, this.targets.open(this.database, false), List.of(), () -> {
		}, false, null).execute(List.of(PlannedMigration.of(migration, migration.steps(), 0, failed,
				FakeTargets.PLACEHOLDERS)), false);
		assertThat(this.journal).containsExactly("ask " + id(migration, 0, STARTED).prefix(),
				"run java: two writes skipping writes [1]", "record APPLIED a:1 1");
	}

	private static ResolvedMigration java(String key) {
		return new ResolvedMigration(MigrationKey.parse(key), "m " + key, MigrationType.JAVA, "V1__Java",
				"sum", List.of(), List.of(MigrationStep.java((context) -> {
				}, "two writes")), null, "no rollback");
	}

	// The identity of a statement of the application the history's first row began.
	private StatementId id(ResolvedMigration migration, int index) {
		return id(migration, index, this.history.rows().get(0).installedOn());
	}

	private static StatementId id(ResolvedMigration migration, int index, Instant application) {
		return StatementId.of("main@db", migration.key(), false, index, DoneSteps.checksum(migration.steps(), index + 1),
				application);
	}

}
