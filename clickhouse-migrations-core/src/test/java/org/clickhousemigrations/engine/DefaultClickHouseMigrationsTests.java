package org.clickhousemigrations.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.MigrationListener;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.fake.FakeHistory;
import org.clickhousemigrations.fake.FakeLock;
import org.clickhousemigrations.fake.FakeTargets;
import org.clickhousemigrations.history.MigrationHistory;
import org.clickhousemigrations.history.MigrationHistory.Snapshot;
import org.clickhousemigrations.model.AppliedMigration;
import org.clickhousemigrations.model.MigrationDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.clickhousemigrations.fake.Migrations.sql;

class DefaultClickHouseMigrationsTests {

	private final List<String> journal = Collections.synchronizedList(new ArrayList<>());

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
		DefaultClickHouseMigrations migrations = DefaultClickHouseMigrations.builder()
			.database(MigrationDatabase.of("broken", null))
			.database(MigrationDatabase.of("fine", null))
			.migrations(() -> resolved)
			.history(history)
			.lock(new FakeLock(this.journal))
			.targets(new FakeTargets(this.journal, history))
			.listener(listener)
			.rememberSchema(false)
			.build();
		assertThatExceptionOfType(ClickHouseMigrationException.class).isThrownBy(migrations::migrate)
			.withMessage("Database 'broken' failed: java.lang.IllegalStateException: unexpected");
		assertThat(this.journal).contains("run INSERT INTO t VALUES (1)", "record APPLIED a:1 1");
		assertThat(this.heard).containsExactly("broken: Database 'broken' failed: java.lang.IllegalStateException: unexpected");
	}

	@Test
	void upToParallelismDatabasesMigrateAtOnceAndAllFinishBeforeAFailureIsThrown() {
		// Each database has its history; each first read waits until four databases are being read at
		// once: one after another, none would be.
		CountDownLatch together = new CountDownLatch(4);
		Map<String, FakeHistory> histories = new ConcurrentHashMap<>();
		MigrationHistory history = new MigrationHistory() {

			@Override
			public String location(MigrationDatabase database) {
				return of(database).location(database);
			}

			@Override
			public Snapshot read(MigrationDatabase database) {
				together.countDown();
				try {
					if (!together.await(10, TimeUnit.SECONDS)) {
						throw new IllegalStateException("not migrated in parallel");
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				if (database.name().equals("d3")) {
					throw new IllegalStateException("d3 is broken");
				}
				return of(database).read(database);
			}

			@Override
			public void create(MigrationDatabase database) {
				of(database).create(database);
			}

			@Override
			public void append(MigrationDatabase database, List<AppliedMigration> rows) {
				of(database).append(database, rows);
			}

			private FakeHistory of(MigrationDatabase database) {
				return histories.computeIfAbsent(database.name(),
						(name) -> new FakeHistory(DefaultClickHouseMigrationsTests.this.journal));
			}

		};
		List<MigrationDatabase> databases = List.of(MigrationDatabase.of("d1", null), MigrationDatabase.of("d2", null),
				MigrationDatabase.of("d3", null), MigrationDatabase.of("d4", null));
		DefaultClickHouseMigrations migrations = DefaultClickHouseMigrations.builder()
			.databases(databases)
			.migrations(() -> List.of(sql("a:1", "INSERT INTO t VALUES (1)")))
			.history(history)
			.lock(new FakeLock(this.journal))
			.targets(new FakeTargets(this.journal, history))
			.rememberSchema(false)
			.parallelism(4)
			.build();
		assertThatExceptionOfType(ClickHouseMigrationException.class).isThrownBy(migrations::migrate)
			.withMessage("Database 'd3' failed: java.lang.IllegalStateException: d3 is broken");
		assertThat(this.journal).filteredOn("record APPLIED a:1 1"::equals).hasSize(3);
	}

}
