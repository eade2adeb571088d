package org.clickhousemigrations.plan;

import java.util.List;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.MigrationInfo;
import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.model.AppliedMigration;
import org.clickhousemigrations.model.HistoryEvent;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.model.MigrationKey;
import org.clickhousemigrations.model.MigrationType;
import org.clickhousemigrations.sql.Placeholders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.clickhousemigrations.plan.PlanFixtures.migration;
import static org.clickhousemigrations.plan.PlanFixtures.row;

class MigrationPlannerTests {

	private final MigrationDatabase database = MigrationDatabase.of("main", null);

	@Test
	void mergesWhatWasFoundWithWhatWasRecorded() {
		List<MigrationInfo> infos = MigrationPlanner.info(this.database,
				List.of(migration("a:1"), migration("a:2"), migration("a:3"), migration("a:4"), migration("a:5")),
				List.of(row("a:1", HistoryEvent.APPLIED), row("a:2", HistoryEvent.APPLIED, "changed", 1),
						row("a:3", HistoryEvent.FAILED), row("a:4", HistoryEvent.PROGRESS), row("a:9", HistoryEvent.APPLIED)),
				null);
		assertThat(infos).map((info) -> info.key() + "=" + info.state())
			.containsExactly("a:1=APPLIED", "a:2=CHECKSUM_MISMATCH", "a:3=FAILED", "a:4=FAILED", "a:5=PENDING",
					"a:9=MISSING");
	}

	@Test
	void aMigrationWithOnlyItsFirstRowIsPendingNotFailed() {
		List<MigrationInfo> infos = MigrationPlanner.info(this.database, List.of(migration("a:1"), migration("a:2")),
				List.of(row("a:1", HistoryEvent.PROGRESS, "sum-a:1", 0), row("a:2", HistoryEvent.PROGRESS, "sum-a:2", 1)),
				null);
		assertThat(infos).map((info) -> info.key() + "=" + info.state()).containsExactly("a:1=PENDING", "a:2=FAILED");
		assertThat(infos.get(0).applied()).as("kept, so that the next run keeps its identity").isNotNull();
		assertThat(infos.get(0).isRecorded()).isFalse();
	}

	@Test
	void rolledBackAndClearedMigrationsArePendingAgainOrGone() {
		List<MigrationInfo> infos = MigrationPlanner.info(this.database, List.of(migration("a:1"), migration("a:2")),
				List.of(row("a:1", HistoryEvent.ROLLED_BACK, "sum-a:1", 0), row("a:2", HistoryEvent.CLEARED, "x", 0),
						row("a:3", HistoryEvent.CLEARED, "x", 0), row("a:4", HistoryEvent.ROLLED_BACK, "x", 0)),
				null);
		assertThat(infos).map((info) -> info.key() + "=" + info.state()).containsExactly("a:1=PENDING", "a:2=PENDING");
	}

	@Test
	void realignedCountsAsApplied() {
		List<MigrationInfo> infos = MigrationPlanner.info(this.database, List.of(migration("a:1")),
				List.of(row("a:1", HistoryEvent.REALIGNED)), null);
		assertThat(infos).singleElement().extracting((info) -> info.state().name()).isEqualTo("APPLIED");
	}

	@Test
	void aChangedRepeatableMigrationIsOutdatedAndRunsAgainAfterTheVersionedOnes() {
		List<ResolvedMigration> resolved = List.of(migration("a:1"), migration("a:R__views"), migration("a:R__same"));
		List<MigrationInfo> infos = MigrationPlanner.info(this.database, resolved,
				List.of(row("a:1", HistoryEvent.APPLIED), row("a:R__views", HistoryEvent.APPLIED, "before", 1),
						row("a:R__same", HistoryEvent.APPLIED)),
				null);
		assertThat(infos).map((info) -> info.key() + "=" + info.state())
			.containsExactly("a:1=APPLIED", "a:R__views=OUTDATED", "a:R__same=APPLIED");
		assertThat(MigrationPlanner.pending(this.database, resolved, infos, null)).map(MigrationInfo::key)
			.map(Object::toString).containsExactly("a:R__views");
		// With a target, repeatable migrations wait for a migrate without one.
		assertThat(MigrationPlanner.pending(this.database, resolved, infos, MigrationKey.parse("a:1"))).isEmpty();
	}

	@Test
	void baselineCoversEarlierVersionsOfItsModuleOnly() {
		List<MigrationInfo> infos = MigrationPlanner.info(this.database,
				List.of(migration("a:1"), migration("a:2"), migration("a:3"), migration("b:1")),
				List.of(row("a:2", HistoryEvent.BASELINE, "", 0)), null);
		assertThat(infos).map((info) -> info.key() + "=" + info.state())
			.containsExactly("a:1=BASELINE", "a:2=BASELINE", "a:3=PENDING", "b:1=PENDING");
	}

	@Test
	void routerExcludesAndModulesFilterLeavesOut() {
		MigrationDatabase eventsOnly = new MigrationDatabase("main", null, true, false, List.of("events"), null,
				java.util.Map.of());
		List<MigrationInfo> infos = MigrationPlanner.info(eventsOnly,
				List.of(migration("events:1"), migration("events:2"), migration("billing:1")),
				List.of(row("billing:1", HistoryEvent.APPLIED)),
				(database, module, migration) -> !migration.version().toString().equals("2"));
		assertThat(infos).map((info) -> info.key() + "=" + info.state())
			.containsExactly("events:1=PENDING", "events:2=EXCLUDED");
	}

	@Test
	void unfinishedRollbacksAreFailures() {
		List<MigrationInfo> infos = MigrationPlanner.info(this.database, List.of(migration("a:1"), migration("a:2")),
				List.of(row("a:1", HistoryEvent.ROLLBACK_PROGRESS), row("a:2", HistoryEvent.ROLLBACK_FAILED)), null);
		assertThat(infos).map((info) -> info.state().name()).containsExactly("FAILED", "FAILED");
	}

	@Test
	void pendingAndFailedMigrationsRunInOrder() {
		List<ResolvedMigration> resolved = List.of(migration("a:1"), migration("a:2"), migration("a:3"));
		List<MigrationInfo> infos = MigrationPlanner.info(this.database, resolved,
				List.of(row("a:1", HistoryEvent.APPLIED), row("a:2", HistoryEvent.FAILED)), null);
		assertThat(MigrationPlanner.pending(this.database, resolved, infos, null)).map((info) -> info.key().toString())
			.containsExactly("a:2", "a:3");
	}

	@Test
	void excludedAndBaselinedMigrationsDoNotRun() {
		List<ResolvedMigration> resolved = List.of(migration("a:1"), migration("a:2"), migration("b:1"));
		List<MigrationInfo> infos = MigrationPlanner.info(this.database, resolved,
				List.of(row("a:1", HistoryEvent.BASELINE, "", 0)), (database, module, migration) -> !module.equals("b"));
		assertThat(MigrationPlanner.pending(this.database, resolved, infos, null)).map((info) -> info.key().toString())
			.containsExactly("a:2");
	}

	@Test
	void changedOrMissingMigrationsRefuseTheWholeMigrate() {
		List<ResolvedMigration> resolved = List.of(migration("a:1"), migration("a:2"));
		List<MigrationInfo> infos = MigrationPlanner.info(this.database, resolved,
				List.of(row("a:1", HistoryEvent.APPLIED, "changed", 1), row("a:7", HistoryEvent.APPLIED)), null);
		assertThatExceptionOfType(ClickHouseMigrationException.class)
			.isThrownBy(() -> MigrationPlanner.pending(this.database, resolved, infos, null))
			.withMessageContaining("nothing was changed")
			.withMessageContaining("a:1 (a:1.sql) is CHECKSUM_MISMATCH: restore it, or run repair")
			.withMessageContaining("a:7 (a:7.sql) is MISSING");
	}

	@Test
	void halfRolledBackMigrationRefusesMigrate() {
		List<ResolvedMigration> resolved = List.of(migration("a:1"));
		List<MigrationInfo> infos = MigrationPlanner.info(this.database, resolved,
				List.of(row("a:1", HistoryEvent.ROLLBACK_FAILED)), null);
		assertThatExceptionOfType(ClickHouseMigrationException.class)
			.isThrownBy(() -> MigrationPlanner.pending(this.database, resolved, infos, null))
			.withMessageContaining("stopped while being rolled back")
			.withMessageContaining("run the rollback again");
	}

	@Test
	void dependencyOnAModuleOutsideTheDatabaseRefusesMigrate() {
		MigrationDatabase eventsOnly = new MigrationDatabase("main", null, true, false, List.of("events"), null,
				java.util.Map.of());
		List<ResolvedMigration> resolved = List.of(migration("billing:1"), migration("events:1", "billing:1"));
		List<MigrationInfo> infos = MigrationPlanner.info(eventsOnly, resolved, List.of(), null);
		assertThatExceptionOfType(ClickHouseMigrationException.class)
			.isThrownBy(() -> MigrationPlanner.pending(eventsOnly, resolved, infos, null))
			.withMessageContaining("add it to clickhouse.migrations.databases.main.modules");
	}

	@Test
	void targetNeedsEarlierVersionsAndDependencies() {
		List<ResolvedMigration> resolved = List.of(migration("a:1"), migration("a:2", "b:2"), migration("a:3"),
				migration("b:1"), migration("b:2"), migration("b:3"), migration("c:1"));
		assertThat(MigrationPlanner.needed(resolved, MigrationKey.parse("a:2"))).map(MigrationKey::toString)
			.containsExactlyInAnyOrder("a:1", "a:2", "b:1", "b:2");
		List<MigrationInfo> infos = MigrationPlanner.info(this.database, resolved, List.of(), null);
		assertThat(MigrationPlanner.pending(this.database, resolved, infos, MigrationKey.parse("a:2")))
			.map((info) -> info.key().toString())
			.containsExactly("a:1", "a:2", "b:1", "b:2");
	}

	@Test
	void stoppedMigrationResumesAfterTheStatementsItHadDone() {
		ResolvedMigration migration = steps("a:1", 4);
		AppliedMigration failed = progress(migration, HistoryEvent.FAILED, 2);
		List<PlannedMigration> plan = MigrationPlanner.plan("main",
				MigrationPlanner.info(this.database, List.of(migration), List.of(failed), null), PLACEHOLDERS, false);
		assertThat(plan).singleElement().satisfies((planned) -> {
			assertThat(planned.startAt()).isEqualTo(2);
			assertThat(planned.sql()).containsExactly("SELECT 1 FROM db", "SELECT 2 FROM db", "SELECT 3 FROM db",
					"SELECT 4 FROM db");
		});
	}

	@Test
	void migrationWhoseDoneStatementsChangedDoesNotResume() {
		AppliedMigration failed = progress(steps("a:1", 4), HistoryEvent.PROGRESS, 2);
		List<MigrationInfo> infos = MigrationPlanner.info(this.database,
				List.of(new ResolvedMigration(failed.key(), "m", failed.type(), "a:1.sql", "other", List.of(),
						List.of(MigrationStep.sql("SELECT 9"), MigrationStep.sql("SELECT 2")), null, "none")),
				List.of(failed), null);
		assertThatExceptionOfType(ClickHouseMigrationException.class)
			.isThrownBy(() -> MigrationPlanner.plan("main", infos, PLACEHOLDERS, false))
			.withMessageContaining("stopped after statement 2 of 4, and statements 1 to 2 have changed since");
	}

	@Test
	void unfinishedRollbackResumesItsRollbackSteps() {
		ResolvedMigration migration = steps("a:1", 3);
		AppliedMigration stopped = progress(migration, HistoryEvent.ROLLBACK_PROGRESS, 1)
			.with(HistoryEvent.ROLLBACK_PROGRESS, 1, DoneSteps.checksum(migration.rollbackSteps().orElseThrow(), 1),
					java.time.Instant.EPOCH, 0, "");
		List<MigrationInfo> infos = MigrationPlanner.info(this.database, List.of(migration), List.of(stopped), null);
		assertThat(MigrationPlanner.plan("main", infos, PLACEHOLDERS, true)).singleElement()
			.satisfies((planned) -> assertThat(planned.startAt()).isEqualTo(1));
	}

	@Test
	void unknownPlaceholderIsRefusedBeforeAnythingRuns() {
		ResolvedMigration migration = new ResolvedMigration(MigrationKey.parse("a:1"), "m", MigrationType.SQL, "a:1.sql",
				"sum", List.of(), List.of(MigrationStep.sql("SELECT ${nope}")), null, "none");
		List<MigrationInfo> infos = MigrationPlanner.info(this.database, List.of(migration), List.of(), null);
		assertThatExceptionOfType(ClickHouseMigrationException.class)
			.isThrownBy(() -> MigrationPlanner.plan("main", infos, PLACEHOLDERS, false))
			.withMessageContaining("a:1.sql, statement 1")
			.withMessageContaining("unknown placeholder ${nope}");
	}

	private static final Placeholders PLACEHOLDERS = new Placeholders(java.util.Map.of("database", "db"));

	private static ResolvedMigration steps(String key, int count) {
		List<MigrationStep> steps = new java.util.ArrayList<>();
		List<MigrationStep> rollback = new java.util.ArrayList<>();
		for (int i = 1; i <= count; i++) {
			steps.add(MigrationStep.sql("SELECT " + i + " FROM ${database}"));
			rollback.add(MigrationStep.sql("SELECT -" + i));
		}
		return new ResolvedMigration(MigrationKey.parse(key), "m", MigrationType.SQL, key + ".sql", "sum-" + key,
				List.of(), steps, rollback, null);
	}

	private static AppliedMigration progress(ResolvedMigration migration, HistoryEvent event, int done) {
		return new AppliedMigration(migration.key(), "m", MigrationType.SQL, migration.script(), migration.checksum(),
				event, done, migration.steps().size(), DoneSteps.checksum(migration.steps(), done), "default",
				java.time.Instant.EPOCH, 1, "");
	}

}
