package org.clickhousemigrations.plan;

import java.util.List;

import org.clickhousemigrations.HistoryEvent;
import org.clickhousemigrations.MigrationDatabase;
import org.clickhousemigrations.MigrationInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
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
	void rolledBackAndClearedMigrationsArePendingAgainOrGone() {
		List<MigrationInfo> infos = MigrationPlanner.info(this.database, List.of(migration("a:1"), migration("a:2")),
				List.of(row("a:1", HistoryEvent.ROLLED_BACK, "sum-a:1", 0), row("a:2", HistoryEvent.REPAIRED, "x", 0),
						row("a:3", HistoryEvent.REPAIRED, "x", 0), row("a:4", HistoryEvent.ROLLED_BACK, "x", 0)),
				null);
		assertThat(infos).map((info) -> info.key() + "=" + info.state()).containsExactly("a:1=PENDING", "a:2=PENDING");
	}

	@Test
	void repairedWithAllStatementsDoneCountsAsApplied() {
		List<MigrationInfo> infos = MigrationPlanner.info(this.database, List.of(migration("a:1")),
				List.of(row("a:1", HistoryEvent.REPAIRED)), null);
		assertThat(infos).singleElement().extracting((info) -> info.state().name()).isEqualTo("APPLIED");
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

}
