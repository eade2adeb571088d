package org.clickhousemigrations.engine;

import java.util.ArrayList;
import java.util.List;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.MigrationListener;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.fake.FakeHistory;
import org.clickhousemigrations.fake.FakeLock;
import org.clickhousemigrations.fake.FakeTargets;
import org.clickhousemigrations.history.MigrationHistory.Snapshot;
import org.clickhousemigrations.model.MigrationDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.clickhousemigrations.fake.Migrations.sql;

class DefaultClickHouseMigrationsTests {

	private final List<String> journal = new ArrayList<>();

	private final List<String> heard = new ArrayList<>();

	@Test
	void anyFailureOfOneDatabaseLeavesTheOthersMigratingAndIsHeard() {
		// The history of 'broken' fails with an exception no one planned for.
		FakeHistory history = new FakeHistory(this.journal) {

			@Override
			public Snapshot read(MigrationDatabase database) {
				if (database.name().equals("broken")) {
					throw new IllegalStateException("unexpected");
				}
				return super.read(database);
			}

		};
		List<ResolvedMigration> resolved = List.of(sql("a:1", "INSERT INTO t VALUES (1)"));
		MigrationListener listener = new MigrationListener() {

			@Override
			public void databaseFailed(MigrationDatabase database, ClickHouseMigrationException failure) {
				DefaultClickHouseMigrationsTests.this.heard.add(database.name() + ": " + failure.getMessage());
			}

		};
		DefaultClickHouseMigrations migrations = new DefaultClickHouseMigrations(
				List.of(MigrationDatabase.of("broken", null), MigrationDatabase.of("fine", null)), () -> resolved,
				history, new FakeLock(this.journal), null, new FakeTargets(this.journal, history), List.of(listener),
				null, true);
		assertThatExceptionOfType(ClickHouseMigrationException.class).isThrownBy(migrations::migrate)
			.withMessage("Database 'broken' failed: java.lang.IllegalStateException: unexpected");
		assertThat(this.journal).contains("run INSERT INTO t VALUES (1)", "record APPLIED a:1 1");
		assertThat(this.heard).containsExactly("broken: Database 'broken' failed: java.lang.IllegalStateException: unexpected");
	}

}
