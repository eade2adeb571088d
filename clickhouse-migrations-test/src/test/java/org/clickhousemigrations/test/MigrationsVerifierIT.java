package org.clickhousemigrations.test;

import java.sql.Connection;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.AbstractDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The kit finds each planted defect, and passes on migrations without one, on the embedded ClickHouse. */
class MigrationsVerifierIT {

	@Test
	void migrationsWithoutDefectsPassEveryCheck() {
		MigrationsVerifier.forLocations("classpath:db/kit/good")
			.roundTrip()
			.crashAtEveryStatement()
			.lostAnswers()
			.lint()
			.seed("INSERT INTO items VALUES (1, 'a'), (2, 'b'), (3, 'a')")
			.verify();
	}

	@Test
	void aRollbackThatLeavesAColumnBehindIsNamedEvenWhereTheEarlierRollbackDropsTheTable() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> MigrationsVerifier.forLocations("classpath:db/kit/leftbehind").roundTrip().verify())
			.withMessageStartingWith("2 findings in the migrations:\n  1. [round trip] Rolling back app:2 "
					+ "(app/V2__add_note.sql) does not restore the schema before it: t differs:")
			.withMessageContaining("  2. [round trip] Applying app:2 (app/V2__add_note.sql) again after its rollback "
					+ "failed: ")
			.withMessageContaining("but was  CREATE TABLE t (`id` UInt32, `note` String)");
	}

	@Test
	void aJavaStepThatIsNotSafeToRunAgainIsNamedWithHowToFixIt() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> MigrationsVerifier.forLocations("classpath:db/kit/javastep").crashAtEveryStatement()
				.verify())
			.satisfies((error) -> assertThat(error.getMessage())
				.containsPattern("\\[crash at every statement\\] After a crash right after statement 1 of app:2 "
						+ "\\((a read|write 2) of its Java step\\) \\[\\d of 6\\], the next run failed: Migration of app:2 "
						+ "'Next ids' \\(db.kit.javastep.app.V2__NextIds\\) stopped")
				.contains("write 1 of the Java step is now \"INSERT INTO t VALUES (")
				.contains("Make the Java step safe to run again"));
	}

	@Test
	void aMigrationThatOnlyWorksOnAnEmptyTableFailsOnSeedData() {
		MigrationsVerifier.forLocations("classpath:db/kit/emptyonly").verify();
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> MigrationsVerifier.forLocations("classpath:db/kit/emptyonly")
				.seed("INSERT INTO t VALUES (1, 'one')")
				.verify())
			.withMessageStartingWith("1 finding in the migrations:\n  1. [apply to an empty database] The migrations do "
					+ "not apply to an empty database with the seed data: ")
			.withMessageContaining("app:2");
	}

	@Test
	void aBackfillKilledAtEveryChunkOrWithEveryAnswerLostCopiesEachRowOnce() {
		// Five chunks of 1,000 rows; the view on the target counts each row once or the rows differ.
		MigrationsVerifier.forLocations("classpath:db/kit/backfill").crashAtEveryStatement().lostAnswers().verify();
	}

	@Test
	void aLiveCopyKilledAtEveryChunkOrWithEveryAnswerLostKeepsEachRowOnceAndRollsBack() {
		// Three chunks of 2,000 rows and the exchange; the view reading the table counts each row once.
		MigrationsVerifier.forLocations("classpath:db/kit/live").roundTrip().crashAtEveryStatement().lostAnswers().verify();
	}

	@Test
	void runsOnTheServerOfAGivenDataSource() {
		EmbeddedClickHouse clickHouse = EmbeddedClickHouse.shared();
		try (HikariDataSource dataSource = new HikariDataSource()) {
			dataSource.setJdbcUrl(clickHouse.jdbcUrl("default"));
			dataSource.setUsername(clickHouse.username());
			dataSource.setPassword(clickHouse.password());
			MigrationsVerifier.forLocations("classpath:db/kit/leftbehind").on(dataSource).verify();
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> MigrationsVerifier.forLocations("classpath:db/kit/leftbehind").on(dataSource)
					.roundTrip()
					.verify())
				.withMessageContaining("[round trip] Rolling back app:2");
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MigrationsVerifier.forLocations("classpath:db/kit/good").on(new SimpleUrlLess()).verify())
			.withMessageContaining("needs a DataSource that says its URL and user");
	}

	// A DataSource that does not say where it connects.
	private static final class SimpleUrlLess extends AbstractDataSource {

		@Override
		public Connection getConnection() {
			throw new UnsupportedOperationException();
		}

		@Override
		public Connection getConnection(String username, String password) {
			throw new UnsupportedOperationException();
		}

	}

	@Test
	void lintErrorsFailTheVerification() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> MigrationsVerifier.forLocations("classpath:db/kit/dropping").lint().verify())
			.withMessageContaining("[lint] app:2 (app/V2__drop.sql:1): drop-table: drops table t and every row in it.");
	}

}
