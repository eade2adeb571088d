package org.clickhousemigrations.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.ClickHouseMigrationRouter;
import org.clickhousemigrations.MigrationInfo;
import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.model.AppliedMigration;
import org.clickhousemigrations.model.HistoryEvent;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.model.MigrationKey;
import org.clickhousemigrations.model.MigrationState;
import org.clickhousemigrations.model.MigrationVersion;
import org.clickhousemigrations.sql.Placeholders;

/**
 * Decides what runs on one database, from what was found, what the history recorded and the
 * target: the merged states, what a migrate runs, what refuses it, and where each migration
 * resumes. Pure logic: one pass over each list, so it stays fast however long the history grows.
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
		if (row == null || isForgotten(row) || isOnlyStarted(row)) {
			if (baseline != null && migration.version().compareTo(baseline) <= 0) {
				return MigrationState.BASELINE;
			}
			boolean allowed = router == null || router.allowMigrate(database.name(), migration.module(), migration);
			return allowed ? MigrationState.PENDING : MigrationState.EXCLUDED;
		}
		return switch (row.event()) {
			case BASELINE -> MigrationState.BASELINE;
			case FAILED, PROGRESS, UNKNOWN, PARTIAL, ROLLBACK_PROGRESS, ROLLBACK_FAILED, ROLLBACK_UNKNOWN -> MigrationState.FAILED;
			case APPLIED, REALIGNED, IMPORTED -> row.checksum().equals(migration.checksum()) ? MigrationState.APPLIED
					: migration.version().isRepeatable() ? MigrationState.OUTDATED : MigrationState.CHECKSUM_MISMATCH;
			case ROLLED_BACK, CLEARED -> throw new IllegalStateException("handled above");
		};
	}

	/**
	 * The first row of an application, written before its first bracketed statement, and nothing
	 * after it: pending, not failed (its statements may have begun, and the next run looks them up).
	 */
	private static boolean isOnlyStarted(AppliedMigration row) {
		return row.event() == HistoryEvent.PROGRESS && row.statementsDone() == 0;
	}

	/** Rolled back, or cleared by repair: as if never recorded. */
	private static boolean isForgotten(AppliedMigration row) {
		return row.event() == HistoryEvent.ROLLED_BACK || row.event() == HistoryEvent.CLEARED;
	}

	/**
	 * What a migrate runs: the pending migrations, and failed ones to resume, in run order; with a
	 * target, only those it needs (see {@link #needed}).
	 * @param infos the merged states, from {@link #info}
	 * @param target {@code module:version}, or {@code null} for everything
	 * @throws ClickHouseMigrationException naming every migration that blocks the migrate (changed,
	 * missing, half rolled back, or depending on a module the database does not have)
	 */
	public static List<MigrationInfo> pending(MigrationDatabase database, List<ResolvedMigration> resolved,
			List<MigrationInfo> infos, MigrationKey target) {
		if (target != null) {
			checkTarget(database.name(), resolved.stream()
				.filter((migration) -> database.includes(migration.module()))
				.map(ResolvedMigration::key)
				.toList(), target, false);
		}
		Set<MigrationKey> needed = (target != null) ? needed(resolved, target) : null;
		List<String> problems = new ArrayList<>();
		List<MigrationInfo> pending = new ArrayList<>();
		for (MigrationInfo info : infos) {
			if (info.state() == MigrationState.CHECKSUM_MISMATCH || info.state() == MigrationState.MISSING) {
				problems.add(info.key() + " (" + info.script() + ") is " + info.state() + ": restore it, or run repair");
			}
			if (info.applied() != null && info.applied().event().isOutcomeUnknown()) {
				problems.add(unknownOutcome(info));
				continue;
			}
			if (info.applied() != null && info.applied().event().isUnfinishedRollback()) {
				problems.add(info.key() + " (" + info.script() + ") stopped while being rolled back, after rollback "
						+ "statement " + info.applied().statementsDone() + ": run the rollback again (it resumes "
						+ "there), or finish it by hand and run repair");
				continue;
			}
			boolean wanted = info.state() == MigrationState.PENDING || info.state() == MigrationState.FAILED
					|| info.state() == MigrationState.OUTDATED;
			if (wanted && (needed == null || needed.contains(info.key()))) {
				pending.add(info);
				info.resolved().dependsOn().stream()
					.filter((dependency) -> !database.includes(dependency.module()))
					.forEach((dependency) -> problems.add(info.key() + " (" + info.script() + ") depends on "
							+ dependency + ", but module '" + dependency.module() + "' is not in the modules of "
							+ "this database; add it to clickhouse.migrations.databases." + database.name()
							+ ".modules"));
			}
		}
		if (!problems.isEmpty()) {
			throw new ClickHouseMigrationException("Database '" + database.name() + "' cannot be migrated; "
					+ "nothing was changed:\n  - " + String.join("\n  - ", problems));
		}
		return pending;
	}

	/**
	 * Refuses a target whose module or version is not among {@code known}, naming those that are.
	 * @param zeroAllowed whether version 0 (before the first) is a target, as for a rollback of all
	 */
	public static void checkTarget(String database, Collection<MigrationKey> known, MigrationKey target,
			boolean zeroAllowed) {
		Set<String> modules = new TreeSet<>();
		List<String> versions = new ArrayList<>();
		for (MigrationKey key : known) {
			modules.add(key.module());
			if (key.module().equals(target.module())) {
				versions.add(key.version().toString());
			}
		}
		if (!modules.contains(target.module())) {
			throw new ClickHouseMigrationException("There is no module '" + target.module() + "' in database '"
					+ database + "'; its modules: " + modules + ". Nothing was changed.");
		}
		boolean zero = zeroAllowed && target.version().compareTo(MigrationVersion.parse("0")) == 0;
		if (!zero && known.stream().noneMatch((key) -> key.equals(target))) {
			throw new ClickHouseMigrationException("Module '" + target.module() + "' of database '" + database
					+ "' has no version " + target.version() + "; its versions: " + versions
					+ (zeroAllowed ? " (or 0, for before the first)" : "") + ". Nothing was changed.");
		}
	}

	/** Why a migration whose last statement has an unknown outcome cannot go on, and how to settle it. */
	public static String unknownOutcome(MigrationInfo info) {
		AppliedMigration row = info.applied();
		if (row.event() == HistoryEvent.PARTIAL) {
			return info.key() + " (" + info.script() + "): statement " + (row.statementsDone() + 1) + " failed part "
					+ "way (" + row.error() + ")";
		}
		return info.key() + " (" + info.script() + "): whether " + (row.event().isUnfinishedRollback() ? "rollback " : "")
				+ "statement " + (row.statementsDone() + 1) + " ran is not known (" + row.error() + "). Check in "
				+ "ClickHouse whether it took effect, then run repair with clickhouse.migrations.outcome=ran (it ran: "
				+ "the next run goes on after it) or clickhouse.migrations.outcome=did-not-run (the next run runs it)";
	}

	/**
	 * The migrations of the target's module up to its version, and everything they depend on,
	 * with the earlier versions of each module they touch.
	 */
	public static Set<MigrationKey> needed(List<ResolvedMigration> resolved, MigrationKey target) {
		Map<MigrationKey, ResolvedMigration> byKey = new HashMap<>();
		resolved.forEach((migration) -> byKey.put(migration.key(), migration));
		Set<MigrationKey> needed = new HashSet<>();
		Deque<MigrationKey> work = new ArrayDeque<>();
		work.add(target);
		while (!work.isEmpty()) {
			MigrationKey key = work.poll();
			for (ResolvedMigration migration : resolved) {
				boolean earlierInModule = migration.module().equals(key.module())
						&& migration.version().compareTo(key.version()) <= 0;
				if (earlierInModule && needed.add(migration.key())) {
					work.addAll(byKey.get(migration.key()).dependsOn());
				}
			}
		}
		return needed;
	}

	/**
	 * The migrations ready to run: placeholders resolved and resume points found for every one
	 * before the first one runs.
	 * @param rollback whether to run the rollback steps
	 * @throws ClickHouseMigrationException on an unknown placeholder, or a resume point that moved
	 */
	public static List<PlannedMigration> plan(String database, List<MigrationInfo> infos, Placeholders placeholders,
			boolean rollback) {
		List<PlannedMigration> plan = new ArrayList<>();
		for (MigrationInfo info : infos) {
			ResolvedMigration migration = info.resolved();
			List<MigrationStep> steps = rollback ? migration.rollbackSteps().orElseThrow() : migration.steps();
			try {
				plan.add(PlannedMigration.of(migration, steps, resumeAt(database, info, steps, rollback),
						info.applied(), placeholders));
			}
			catch (IllegalArgumentException ex) {
				throw new ClickHouseMigrationException("Database '" + database + "': " + ex.getMessage()
						+ "; nothing was changed", ex);
			}
		}
		return plan;
	}

	/**
	 * How many steps of the migration are done: a stopped run resumes after the steps it had done,
	 * if they did not change since.
	 * @throws ClickHouseMigrationException when they changed
	 */
	static int resumeAt(String database, MigrationInfo info, List<MigrationStep> steps, boolean rollback) {
		AppliedMigration previous = info.applied();
		boolean resumable = previous != null && (rollback ? previous.event().isUnfinishedRollback()
				: previous.event() == HistoryEvent.FAILED || previous.event() == HistoryEvent.PROGRESS);
		if (!resumable || previous.statementsDone() == 0) {
			return 0;
		}
		int done = previous.statementsDone();
		if (done <= steps.size() && DoneSteps.checksum(steps, done).equals(previous.progressChecksum())) {
			return done;
		}
		throw new ClickHouseMigrationException(String.format("%s (%s) on database '%s' stopped after statement %d of "
				+ "%d, and statements 1 to %d have changed since, so it cannot resume safely. Restore statements 1 to "
				+ "%d as they were; or bring the schema to where the migration should leave it by hand and run "
				+ "repair. Nothing was changed.", info.key(), info.script(), database, done,
				previous.statementsTotal(), done, done));
	}

}
