package org.clickhousemigrations.execute;

import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.fake.Migrations;
import org.clickhousemigrations.model.HistoryEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a failed run says of the statements before the one that failed. */
class RunMessagesTests {

	private final ResolvedMigration migration = Migrations.sql("a:1", "SELECT 1", "SELECT 2", "SELECT 3");

	@Test
	void aFailureAtTheFirstStatementSaysNothingRan() {
		assertThat(RunMessages.stopped(HistoryEvent.FAILED, this.migration, "main", false, 0, 3, "boom", "SELECT 1"))
			.endsWith("  statement: SELECT 1\n  Fix the cause and migrate again: it resumes at statement 1.")
			.doesNotContain("stay applied");
	}

	@Test
	void laterFailuresNameWhatRanAndStaysApplied() {
		assertThat(RunMessages.stopped(HistoryEvent.FAILED, this.migration, "main", false, 1, 3, "boom", "SELECT 2"))
			.endsWith("  Statement 1 ran and stays applied (ClickHouse has no transactions). Fix the cause and migrate "
					+ "again: it resumes at statement 2 if statement 1 is unchanged.");
		assertThat(RunMessages.stopped(HistoryEvent.FAILED, this.migration, "main", false, 2, 3, "boom", "SELECT 3"))
			.endsWith("  Statements 1 to 2 ran and stay applied (ClickHouse has no transactions). Fix the cause and "
					+ "migrate again: it resumes at statement 3 if statements 1 to 2 are unchanged.");
	}

}
