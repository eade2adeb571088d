package org.clickhousemigrations.engine;

import java.util.ArrayList;
import java.util.List;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.execute.OutcomeUnknownException;
import org.clickhousemigrations.execute.StatementId;
import org.clickhousemigrations.fake.FakeHistory;
import org.clickhousemigrations.fake.FakeLock;
import org.clickhousemigrations.fake.FakeTargets;
import org.clickhousemigrations.model.DatabaseStatus;
import org.clickhousemigrations.model.HistoryEvent;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.model.MigrationKey;
import org.clickhousemigrations.model.StatementOutcome;
import org.clickhousemigrations.plan.DoneSteps;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.clickhousemigrations.fake.Migrations.sql;

class DatabaseMigratorTests {

	private final MigrationDatabase database = MigrationDatabase.of("main", null);

	private final List<String> journal = new ArrayList<>();

	private final FakeHistory history = new FakeHistory(this.journal);

	private final FakeTargets targets = new FakeTargets(this.journal, this.history);

	private final FakeLock lock = new FakeLock(this.journal);

	private final DatabaseReports reports = new DatabaseReports(this.history, null, null);

	private final MigrationServices services = new MigrationServices(this.history, this.lock, null, this.targets,
			List.of(), this.reports, null, null, null);

	private final List<ResolvedMigration> resolved = List.of(
			sql("a:1", "CREATE TABLE IF NOT EXISTS t (x UInt8) ENGINE = Memory", "-- rollback", "DROP TABLE t"),
			sql("a:2", "INSERT INTO t VALUES (1)", "INSERT INTO missing VALUES (2)", "INSERT INTO t VALUES (3)",
					"-- rollback", "TRUNCATE TABLE t"));

	@Test
	void firstMigrateCreatesTheHistoryAndAppliesEverythingUnderTheLock() {
		migrator().migrate(null, false);
		assertThat(this.journal).containsExactly("create history", "lock",
				"run CREATE TABLE IF NOT EXISTS t (x UInt8) ENGINE = Memory", "record APPLIED a:1 1, PROGRESS a:2 0",
				"run INSERT INTO t VALUES (1)", "record PROGRESS a:2 1", "run INSERT INTO missing VALUES (2)",
				"record PROGRESS a:2 2", "run INSERT INTO t VALUES (3)", "record APPLIED a:2 3", "unlock");
		assertThat(this.reports.get("main").status()).isEqualTo(DatabaseStatus.UP_TO_DATE);
	}

	@Test
	void nothingPendingReadsTheHistoryOnceAndTakesNoLockNorConnection() {
		migrator().migrate(null, false);
		this.journal.clear();
		int reads = this.history.reads();
		int opened = this.targets.opened();
		migrator().migrate(null, false);
		assertThat(this.journal).isEmpty();
		assertThat(this.history.reads()).isEqualTo(reads + 1);
		assertThat(this.targets.opened()).isEqualTo(opened);
	}

	@Test
	void failedMigrationResumesAtTheStatementThatFailed() {
		this.targets.failOn("INSERT INTO missing VALUES (2)");
		assertThatExceptionOfType(ClickHouseMigrationException.class).isThrownBy(() -> migrator().migrate(null, false))
			.withMessageContaining("at statement 2 of 3");
		assertThat(this.reports.get("main").status()).isEqualTo(DatabaseStatus.FAILED);
		this.targets.heal();
		this.journal.clear();
		migrator().migrate(null, false);
		// Before it runs again, ClickHouse is asked what the failed attempt left behind.
		assertThat(this.journal).containsExactly("lock", "ask " + StatementId.of("main@db", MigrationKey.parse("a:2"),
				false, 1, DoneSteps.checksum(this.resolved.get(1).steps(), 2), this.history.rows().get(1).installedOn())
			.prefix(), "run INSERT INTO missing VALUES (2)", "record PROGRESS a:2 2", "run INSERT INTO t VALUES (3)",
				"record APPLIED a:2 3", "unlock");
	}

	@Test
	void migrationAppliedByAnotherInstanceWhileWaitingForTheLockDoesNotRunAgain() {
		FakeLock other = new FakeLock(this.journal).whileWaiting(() -> {
			migrator().migrate(null, false);
			this.journal.clear();
		});
		new DatabaseMigrator(this.database, this.resolved,
				new MigrationServices(this.history, other, null, this.targets, List.of(), this.reports, null, null, null))
			.migrate(null, false);
		assertThat(this.journal).containsExactly("lock", "unlock");
	}

	@Test
	void dryRunShowsTheStatementsAndHistoryWritesAndWritesNothing() {
		List<String> script = migrator().migrate(MigrationKey.parse("a:1"), true);
		assertThat(script).hasSize(5);
		assertThat(script.get(1)).startsWith("-- If ClickHouse refuses a statement before running it (202 "
				+ "TOO_MANY_SIMULTANEOUS_QUERIES, ").doesNotContain("\n");
		assertThat(script.get(2)).contains("system.query_log is asked what became of it").doesNotContain("\n");
		assertThat(List.of(script.get(0), script.get(3), script.get(4))).containsExactly("-- create the history fake.main",
				"CREATE TABLE IF NOT EXISTS t (x UInt8) ENGINE = Memory", "-- history of fake.main: APPLIED a:1");
		assertThat(this.journal).isEmpty();
		assertThat(this.history.rows()).isEmpty();
	}

	@Test
	void rollbackUndoesNewerMigrationsNewestFirst() {
		migrator().migrate(null, false);
		this.journal.clear();
		migrator().rollback(MigrationKey.parse("a:0"));
		assertThat(this.journal).containsExactly("lock", "run TRUNCATE TABLE t", "record ROLLED_BACK a:2 0",
				"run DROP TABLE t", "record ROLLED_BACK a:1 0", "unlock");
		migrator().migrate(null, false);
		assertThat(this.history.rows()).last().extracting((row) -> row.event()).isEqualTo(HistoryEvent.APPLIED);
	}

	@Test
	void repairClearsAFailureSoThatTheMigrationRunsFromItsFirstStatement() {
		this.targets.failOn("INSERT INTO missing VALUES (2)");
		assertThatExceptionOfType(ClickHouseMigrationException.class).isThrownBy(() -> migrator().migrate(null, false));
		assertThat(new HistoryRepair(this.database, this.resolved, this.services).repair(null))
			.containsExactly("a:2: failure cleared; the next migrate runs it from statement 1");
		assertThat(this.history.rows()).last().extracting((row) -> row.event()).isEqualTo(HistoryEvent.CLEARED);
		this.targets.heal();
		this.journal.clear();
		migrator().migrate(null, false);
		assertThat(this.journal).contains("run INSERT INTO t VALUES (1)");
	}

	@Test
	void baselineRecordsTheVersionWithoutRunningAnything() {
		new Baseline(this.database, this.resolved, this.services).baseline(MigrationKey.parse("a:1"));
		assertThat(this.journal).containsExactly("create history", "lock", "record BASELINE a:1 0", "unlock");
		this.journal.clear();
		migrator().migrate(null, false);
		assertThat(this.journal).doesNotContain("run CREATE TABLE IF NOT EXISTS t (x UInt8) ENGINE = Memory")
			.contains("run INSERT INTO t VALUES (1)");
	}

	private DatabaseMigrator migrator() {
		return new DatabaseMigrator(this.database, this.resolved, this.services);
	}

	@Test
	void unknownTargetIsRefusedNamingWhatExists() {
		assertThatExceptionOfType(ClickHouseMigrationException.class)
			.isThrownBy(() -> migrator().migrate(MigrationKey.parse("nope:1"), false))
			.withMessage("There is no module 'nope' in database 'main'; its modules: [a]. Nothing was changed.");
		assertThatExceptionOfType(ClickHouseMigrationException.class)
			.isThrownBy(() -> migrator().migrate(MigrationKey.parse("a:7"), true))
			.withMessageContaining("Module 'a' of database 'main' has no version 7; its versions: [1, 2]");
		migrator().migrate(null, false);
		assertThatExceptionOfType(ClickHouseMigrationException.class)
			.isThrownBy(() -> migrator().rollback(MigrationKey.parse("nope:0001")))
			.withMessageContaining("There is no module 'nope'");
		assertThat(this.history.rows()).map((row) -> row.event().name()).doesNotContain("ROLLED_BACK");
	}

	@Test
	void statementInFlightWhenTheLastHolderDiedIsLookedUpAndRecordedOnce() {
		// The instance that died ran a:1 and the first INSERT of a:2, and recorded a:1 only.
		this.targets.failOn("INSERT INTO t VALUES (1)");
		assertThatExceptionOfType(ClickHouseMigrationException.class).isThrownBy(() -> migrator().migrate(null, false));
		this.targets.heal();
		StatementId inFlight = StatementId.of("main@db", MigrationKey.parse("a:2"), false, 0,
				DoneSteps.checksum(this.resolved.get(1).steps(), 1),
				this.history.rows().get(this.history.rows().size() - 1).installedOn());
		this.targets.ranBefore(inFlight.attempt(2).queryId());
		this.journal.clear();
		this.lock.takeOver();
		migrator().migrate(null, false);
		assertThat(this.journal).containsExactly("lock", "ask " + inFlight.prefix(), "record PROGRESS a:2 1",
				"run INSERT INTO missing VALUES (2)", "record PROGRESS a:2 2", "run INSERT INTO t VALUES (3)",
				"record APPLIED a:2 3", "unlock");
	}

	@Test
	void unknownOutcomeBlocksMigrateUntilRepairSettlesIt() {
		this.targets.loseAnswerOf("INSERT INTO missing VALUES (2)", true).queryLogOff();
		assertThatExceptionOfType(OutcomeUnknownException.class).isThrownBy(() -> migrator().migrate(null, false));
		assertThatExceptionOfType(ClickHouseMigrationException.class).isThrownBy(() -> migrator().migrate(null, false))
			.withMessageContaining("whether statement 2 ran is not known");
		assertThatExceptionOfType(ClickHouseMigrationException.class)
			.isThrownBy(() -> new HistoryRepair(this.database, this.resolved, this.services).repair(null))
			.withMessageContaining("outcome=did-not-run");
		assertThat(new HistoryRepair(this.database, this.resolved, this.services).repair(StatementOutcome.RAN))
			.containsExactly("a:2: statement 2 recorded as run; the next run goes on after it");
		this.targets.heal();
		this.journal.clear();
		migrator().migrate(null, false);
		assertThat(this.journal).containsExactly("lock", "run INSERT INTO t VALUES (3)", "record APPLIED a:2 3",
				"unlock");
	}

	@Test
	void statementSettledAsNotRunRunsAgain() {
		this.targets.loseAnswerOf("INSERT INTO missing VALUES (2)", false).queryLogOff();
		assertThatExceptionOfType(OutcomeUnknownException.class).isThrownBy(() -> migrator().migrate(null, false));
		new HistoryRepair(this.database, this.resolved, this.services).repair(StatementOutcome.DID_NOT_RUN);
		this.targets.heal();
		this.journal.clear();
		migrator().migrate(null, false);
		assertThat(this.journal).startsWith("lock", "run INSERT INTO missing VALUES (2)");
	}

	@Test
	void unknownOutcomeThatCannotBeRecordedLeavesTheLockToExpire() {
		migrator().migrate(MigrationKey.parse("a:1"), false);
		this.targets.loseAnswerOf("INSERT INTO t VALUES (1)", true).queryLogOff();
		// The first row of a:2 is written; the row after its statement that ran is not.
		this.lock.whileWaiting(() -> this.history.failWritesAfter(1));
		this.journal.clear();
		assertThatExceptionOfType(OutcomeUnknownException.class).isThrownBy(() -> migrator().migrate(null, false))
			.satisfies((ex) -> assertThat(ex.recorded()).isFalse());
		assertThat(this.journal).endsWith("abandon").doesNotContain("unlock");
	}

}
