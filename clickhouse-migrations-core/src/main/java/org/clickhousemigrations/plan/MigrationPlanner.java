package org.clickhousemigrations.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.clickhousemigrations.AppliedMigration;
import org.clickhousemigrations.ClickHouseMigrationRouter;
import org.clickhousemigrations.HistoryEvent;
import org.clickhousemigrations.MigrationDatabase;
import org.clickhousemigrations.MigrationInfo;
import org.clickhousemigrations.MigrationKey;
import org.clickhousemigrations.MigrationState;
import org.clickhousemigrations.MigrationVersion;
import org.clickhousemigrations.ResolvedMigration;

/**
 * Merges what was found with what the history recorded, for one database. Pure logic: one pass
 * over each list, so it stays fast however long the history grows.
 */
public final class MigrationPlanner {

	private MigrationPlanner() {
	}

	/**
	 * The state of every migration of the database: those found (in run order, only of its
	 * modules), then those recorded but no longer found.
	 */
	public static List<MigrationInfo> info(MigrationDatabase database, List<ResolvedMigration> resolved,
			List<AppliedMigration> latest, ClickHouseMigrationRouter router) {
		Map<MigrationKey, AppliedMigration> recorded = new LinkedHashMap<>();
		Map<String, MigrationVersion> baselines = new HashMap<>();
		for (AppliedMigration row : latest) {
			recorded.put(row.key(), row);
			if (row.event() == HistoryEvent.BASELINE) {
				baselines.merge(row.key().module(), row.key().version(),
						(a, b) -> (a.compareTo(b) >= 0) ? a : b);
			}
		}
		List<MigrationInfo> infos = new ArrayList<>();
		for (ResolvedMigration migration : resolved) {
			if (!database.includes(migration.module())) {
				continue;
			}
			AppliedMigration row = recorded.remove(migration.key());
			infos.add(new MigrationInfo(migration.key(), migration, row,
					state(database, migration, row, baselines.get(migration.module()), router)));
		}
		for (AppliedMigration row : recorded.values()) {
			if (database.includes(row.key().module()) && !isForgotten(row)) {
				infos.add(new MigrationInfo(row.key(), null, row,
						(row.event() == HistoryEvent.BASELINE) ? MigrationState.BASELINE : MigrationState.MISSING));
			}
		}
		return infos;
	}

	private static MigrationState state(MigrationDatabase database, ResolvedMigration migration, AppliedMigration row,
			MigrationVersion baseline, ClickHouseMigrationRouter router) {
		if (row == null || isForgotten(row)) {
			if (baseline != null && migration.version().compareTo(baseline) <= 0) {
				return MigrationState.BASELINE;
			}
			boolean allowed = router == null || router.allowMigrate(database.name(), migration.module(), migration);
			return allowed ? MigrationState.PENDING : MigrationState.EXCLUDED;
		}
		return switch (row.event()) {
			case BASELINE -> MigrationState.BASELINE;
			case FAILED, PROGRESS, ROLLBACK_PROGRESS, ROLLBACK_FAILED -> MigrationState.FAILED;
			case APPLIED, REPAIRED -> row.checksum().equals(migration.checksum()) ? MigrationState.APPLIED
					: MigrationState.CHECKSUM_MISMATCH;
			case ROLLED_BACK -> throw new IllegalStateException("handled above");
		};
	}

	/** Rolled back, or a failure cleared by repair: as if never recorded. */
	private static boolean isForgotten(AppliedMigration row) {
		return row.event() == HistoryEvent.ROLLED_BACK
				|| row.event() == HistoryEvent.REPAIRED && row.statementsDone() < row.statementsTotal();
	}

}
