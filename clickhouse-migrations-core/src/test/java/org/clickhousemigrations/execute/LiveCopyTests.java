package org.clickhousemigrations.execute;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.Operations;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Which statements are live copies, of which tables, in which chunks. */
class LiveCopyTests {

	@Test
	void theDirectiveAboveAnExchangeMakesALiveCopy() {
		assertThat(LiveCopy.of("-- sort by kind\n-- copy: live\nEXCHANGE TABLES events AND events__new"))
			.hasValueSatisfying((copy) -> {
				assertThat(copy.source().name()).isEqualTo("events");
				assertThat(copy.destination().name()).isEqualTo("events__new");
			});
		assertThat(LiveCopy.of("-- copy: live, chunks of 500_000 rows\nexchange tables `db`.`a b` and db.\"c\";"))
			.hasValueSatisfying((copy) -> {
				assertThat(copy.source().name()).isEqualTo("db.a b");
				assertThat(copy.destination().name()).isEqualTo("db.c");
			});
		assertThat(LiveCopy.of("EXCHANGE TABLES a AND b")).isEmpty();
		assertThat(LiveCopy.of("-- copy: later\nEXCHANGE TABLES a AND b")).isEmpty();
	}

	@Test
	void aDirectiveAboveAnythingButAnExchangeOfTwoTablesIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> LiveCopy.of("-- copy: live\nINSERT INTO b SELECT * FROM a"))
			.withMessage("'-- copy: live' stands above a statement that is not EXCHANGE TABLES <table> AND <new table> "
					+ "(without ON CLUSTER): write the exchange it copies before");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LiveCopy.of("-- copy: live\nEXCHANGE TABLES a AND b ON CLUSTER c"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LiveCopy.of("-- copy: live, chunks of 0 rows\nEXCHANGE TABLES a AND b"))
			.withMessage("'-- copy: live' needs chunks of at least 1 row");
	}

	@Test
	void theJavaOperationWritesTheSameDirective() {
		MigrationStep step = Operations.copyLiveAndExchange("events", "events__new").forward();
		assertThat(step.sql()).isEqualTo("-- copy: live\nEXCHANGE TABLES `events` AND `events__new`");
		assertThat(LiveCopy.of(step.sql()))
			.hasValueSatisfying((copy) -> assertThat(copy.source().name()).isEqualTo("events"));
		assertThat(FailureNotes.of(step.sql())).startsWith("a live copy of events into events__new");
	}

}
