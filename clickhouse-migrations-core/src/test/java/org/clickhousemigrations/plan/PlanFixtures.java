package org.clickhousemigrations.plan;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.model.AppliedMigration;
import org.clickhousemigrations.model.HistoryEvent;
import org.clickhousemigrations.model.MigrationKey;
import org.clickhousemigrations.model.MigrationType;

/** Migrations and history rows for planning tests, without a database. */
final class PlanFixtures {

	private PlanFixtures() {
	}

	static ResolvedMigration migration(String key, String... dependsOn) {
		MigrationKey parsed = MigrationKey.parse(key);
		return new ResolvedMigration(parsed, "m", MigrationType.SQL, key + ".sql", "sum-" + key,
				Arrays.stream(dependsOn).map(MigrationKey::parse).toList(), List.of(MigrationStep.sql("SELECT 1")),
				List.of(MigrationStep.sql("SELECT 2")), null);
	}

	static ResolvedMigration irreversible(String key) {
		MigrationKey parsed = MigrationKey.parse(key);
		return new ResolvedMigration(parsed, "m", MigrationType.SQL, key + ".sql", "sum-" + key, List.of(),
				List.of(MigrationStep.sql("SELECT 1")), null, key + ".sql has no '-- rollback' section");
	}

	static AppliedMigration row(String key, HistoryEvent event) {
		return row(key, event, "sum-" + key, 1);
	}

	static AppliedMigration row(String key, HistoryEvent event, String checksum, int done) {
		return new AppliedMigration(MigrationKey.parse(key), "m", MigrationType.SQL, key + ".sql", checksum, event, done,
				1, "", "default", Instant.EPOCH, 1, "");
	}

}
