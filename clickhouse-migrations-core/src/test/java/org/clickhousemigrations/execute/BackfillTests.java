package org.clickhousemigrations.execute;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.Operations;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Which statements are backfills, and what they are chunked by. */
class BackfillTests {

	@Test
	void theDirectiveAboveAnInsertSelectMakesABackfill() {
		assertThat(Backfill.of("-- copies the old rows\n-- backfill: by toYYYYMM(at)\nINSERT INTO t SELECT * FROM s"))
			.hasValueSatisfying((backfill) -> assertThat(backfill.chunkBy()).isEqualTo("toYYYYMM(at)"));
		assertThat(Backfill.of("INSERT INTO t SELECT * FROM s")).isEmpty();
		// Only a leading comment counts, not one inside the statement.
		assertThat(Backfill.of("INSERT INTO t\n-- backfill: by x\nSELECT * FROM s")).isEmpty();
	}

	@Test
	void aDirectiveAboveAnythingButAnInsertSelectIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Backfill.of("-- backfill: by id\nALTER TABLE t DELETE WHERE 1"))
			.withMessage("'-- backfill: by id' stands above a statement that is not INSERT INTO <table> SELECT ... FROM "
					+ "<source>: write the backfill as one");
		assertThatIllegalArgumentException().isThrownBy(() -> Backfill.of("-- backfill: by id\nINSERT INTO t VALUES (1)"));
	}

	@Test
	void theJavaOperationWritesTheSameDirective() {
		MigrationStep step = Operations.backfill("INSERT INTO t SELECT * FROM db.s", "intDiv(id, 1000000)").forward();
		assertThat(step.sql()).isEqualTo("-- backfill: by intDiv(id, 1000000)\nINSERT INTO t SELECT * FROM db.s");
		assertThat(Backfill.of(step.sql())).isPresent();
		assertThatIllegalArgumentException().isThrownBy(() -> Operations.backfill("INSERT INTO t SELECT 1", " "));
	}

}
