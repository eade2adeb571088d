package org.clickhousemigrations.plan;

import java.util.List;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.MigrationInfo;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.model.HistoryEvent;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.model.MigrationKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.clickhousemigrations.plan.PlanFixtures.irreversible;
import static org.clickhousemigrations.plan.PlanFixtures.migration;
import static org.clickhousemigrations.plan.PlanFixtures.row;

class RollbackPlannerTests {

	@Test
	void undoesAppliedMigrationsNewerThanTheTargetNewestFirst() {
		List<MigrationInfo> infos = infos(List.of(migration("a:1"), migration("a:2"), migration("a:3"), migration("a:4")),
				"a:1", "a:2", "a:3");
		assertThat(RollbackPlanner.plan("main", infos, MigrationKey.parse("a:1"))).map((info) -> info.key().toString())
			.containsExactly("a:3", "a:2");
	}

	@Test
	void refusesBeforeAnythingRunsWhenOneCannotBeUndone() {
		List<MigrationInfo> infos = infos(List.of(migration("a:1"), irreversible("a:2"), migration("a:3")), "a:1", "a:2",
				"a:3");
		assertThatThrownBy(() -> RollbackPlanner.plan("main", infos, MigrationKey.parse("a:0")))
			.isInstanceOf(ClickHouseMigrationException.class)
			.hasMessageContaining("a:2 cannot be undone: a:2.sql has no '-- rollback' section")
			.hasMessageContaining("nothing was changed");
	}

	@Test
	void refusesWhenAnotherAppliedModuleDependsOnIt() {
		List<MigrationInfo> infos = infos(List.of(migration("a:1"), migration("a:2"), migration("b:1", "a:2")), "a:1",
				"a:2", "b:1");
		assertThatThrownBy(() -> RollbackPlanner.plan("main", infos, MigrationKey.parse("a:1")))
			.hasMessageContaining("b:1 is applied and depends on a:2; roll b back first");
	}

	@Test
	void resumesAnUnfinishedRollback() {
		List<MigrationInfo> infos = MigrationPlanner.info(MigrationDatabase.of("main", null),
				List.of(migration("a:1"), migration("a:2")),
				List.of(row("a:1", HistoryEvent.APPLIED), row("a:2", HistoryEvent.ROLLBACK_FAILED)), null);
		assertThat(RollbackPlanner.plan("main", infos, MigrationKey.parse("a:1"))).map((info) -> info.key().toString())
			.containsExactly("a:2");
	}

	private static List<MigrationInfo> infos(List<ResolvedMigration> resolved, String... applied) {
		return MigrationPlanner.info(MigrationDatabase.of("main", null), resolved,
				java.util.Arrays.stream(applied).map((key) -> row(key, HistoryEvent.APPLIED)).toList(), null);
	}

}
