package org.clickhousemigrations.engine;

import java.util.List;
import java.util.Map;

import org.clickhousemigrations.LintReport;
import org.clickhousemigrations.LintSettings;
import org.clickhousemigrations.fake.FakeHistory;
import org.clickhousemigrations.fake.FakeLock;
import org.clickhousemigrations.lock.ClusterAwareMigrationLock;
import org.clickhousemigrations.model.MigrationDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The builder gives every part a default and takes one's own in its place. */
class ClickHouseMigrationsBuilderTests {

	@Test
	void everyPartButTheDatabasesHasADefault() {
		ClickHouseMigrationsBuilder builder = DefaultClickHouseMigrations.builder()
			.database(MigrationDatabase.of("main", null))
			.historyTable("migrations", "ops");
		assertThat(builder.history().location(MigrationDatabase.of("main", null))).isEqualTo("ops.migrations");
		assertThat(builder.lock()).isInstanceOf(ClusterAwareMigrationLock.class);
		assertThat(builder.snapshots()).isNotNull();
		assertThat(builder.build().databases()).extracting(MigrationDatabase::name).containsExactly("main");
	}

	@Test
	void partsOfOnesOwnReplaceTheDefaults() {
		FakeHistory history = new FakeHistory(new java.util.ArrayList<>());
		FakeLock lock = new FakeLock(new java.util.ArrayList<>());
		ClickHouseMigrationsBuilder builder = DefaultClickHouseMigrations.builder()
			.history(history)
			.lock(lock)
			.rememberSchema(false)
			.migrations(List::of);
		assertThat(builder.history()).isSameAs(history);
		assertThat(builder.lock()).isSameAs(lock);
		assertThat(builder.snapshots()).isNull();
		assertThat(builder.migrations().get()).isEmpty();
	}

	@Test
	void parallelismBelowOneIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> DefaultClickHouseMigrations.builder().parallelism(0))
			.withMessage("parallelism must be 1 or more, not 0");
	}

	@Test
	void backfillParallelismBelowOneIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DefaultClickHouseMigrations.builder().backfillParallelism(0))
			.withMessage("backfill parallelism must be at least 1, not 0");
	}

	@Test
	void aLintRuleThatDoesNotExistIsRefusedWhenTheEngineIsBuilt() {
		LintSettings settings = new LintSettings(false, Map.of("drop-tabel", LintReport.Severity.OFF), 1,
				LintSettings.OnMigrate.WARN);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DefaultClickHouseMigrations.builder().database("main", null).lint(settings).build())
			.withMessageStartingWith("clickhouse.migrations.lint.rules.drop-tabel: there is no rule 'drop-tabel'");
	}

}
