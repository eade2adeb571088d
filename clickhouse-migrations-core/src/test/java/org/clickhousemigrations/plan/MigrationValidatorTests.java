package org.clickhousemigrations.plan;

import java.util.List;

import org.clickhousemigrations.ValidationReport.Kind;
import org.clickhousemigrations.ValidationReport.Problem;
import org.clickhousemigrations.model.HistoryEvent;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.model.MigrationKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clickhousemigrations.plan.PlanFixtures.migration;
import static org.clickhousemigrations.plan.PlanFixtures.row;

class MigrationValidatorTests {

	@Test
	void reportsEachProblemWithItsFix() {
		List<Problem> problems = MigrationValidator.validate("main", MigrationPlanner.info(MigrationDatabase.of("main", null),
				List.of(migration("a:1"), migration("a:2"), migration("a:3"), migration("a:4")),
				List.of(row("a:1", HistoryEvent.APPLIED, "old", 1), row("a:3", HistoryEvent.FAILED),
						row("a:4", HistoryEvent.APPLIED), row("a:7", HistoryEvent.APPLIED)),
				null));
		assertThat(problems).map(Problem::kind)
			.containsExactly(Kind.CHECKSUM_MISMATCH, Kind.OUT_OF_ORDER, Kind.FAILED, Kind.MISSING);
		assertThat(problems.get(1).message()).isEqualTo("is pending, but a:7 is applied already");
		assertThat(problems).allSatisfy((problem) -> assertThat(problem.fix()).isNotBlank());
	}

}
