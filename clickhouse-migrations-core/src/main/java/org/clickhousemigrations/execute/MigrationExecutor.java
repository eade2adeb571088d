package org.clickhousemigrations.execute;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.MigrationListener;
import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.model.AppliedMigration;
import org.clickhousemigrations.model.HistoryEvent;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.plan.PlannedMigration;
import org.clickhousemigrations.plan.Progress;
import org.clickhousemigrations.sql.ClickHouseErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs planned migrations (or their rollbacks) on one database, step by step.
 * <p>
 * ClickHouse has no transactions: a migration of five statements can stop after two, and nothing
 * is undone. So the history records progress per step, and never says "applied" for a half-done
 * migration. To keep round trips few, a history row is written only where a crash would otherwise
 * lose track: right after each step that is not {@link Rerunnable rerunnable} (with any rows still
 * waiting), and at the end. A rerunnable step needs none: on resume it simply runs again. Rows
 * waiting are written before any non-rerunnable step runs, so that a resume never replays
 * rerunnable steps of an earlier migration after a later one changed the schema.
 */
public final class MigrationExecutor {

	private static final Logger logger = LoggerFactory.getLogger(MigrationExecutor.class);

	// Migrations with at least this many steps log a line per step.
	private static final int LONG_MIGRATION_STEPS = 5;

	private static final long SLOW_STEP_MILLIS = 1000;

	private final MigrationDatabase database;

	private final ExecutionTarget target;

	private final List<MigrationListener> listeners;

	private final Runnable beforeEachStep;

	private final List<AppliedMigration> waiting = new ArrayList<>();

	/**
	 * @param target where steps run and history rows go
	 * @param beforeEachStep runs before every step and may throw to stop, e.g. when the lock was lost
	 */
	public MigrationExecutor(MigrationDatabase database, ExecutionTarget target, List<MigrationListener> listeners,
			Runnable beforeEachStep) {
		this.database = database;
		this.target = target;
		this.listeners = listeners;
		this.beforeEachStep = beforeEachStep;
	}

	/**
	 * Runs the migrations in order.
	 * @param rollback whether the planned steps undo their migrations
	 * @throws ClickHouseMigrationException on the first failing step, after recording it
	 */
	public void execute(List<PlannedMigration> plan, boolean rollback) {
		try {
			String installedBy = this.target.installedBy();
			for (PlannedMigration planned : plan) {
				run(installedBy, planned, rollback);
			}
		}
		finally {
			flush();
		}
	}

	private void run(String installedBy, PlannedMigration planned, boolean rollback) {
		ResolvedMigration migration = planned.migration();
		List<MigrationStep> steps = planned.steps();
		Instant installedOn = (rollback && planned.previous() != null) ? planned.previous().installedOn() : Instant.now();
		AppliedMigration row = new AppliedMigration(migration.key(), migration.description(), migration.type(),
				migration.script(), migration.checksum(), HistoryEvent.PROGRESS, planned.startAt(),
				steps.size(), "", installedBy, installedOn, 0, "");
		String what = rollback ? "Rollback" : "Migration";
		long started = System.nanoTime();
		if (planned.startAt() > 0) {
			logger.info("Resuming {} of {} '{}' on database '{}' at statement {} of {}", what.toLowerCase(),
					migration.key(), migration.description(), this.database.name(), planned.startAt() + 1, steps.size());
		}
		boolean lastRerunnable = true;
		for (int i = planned.startAt(); i < steps.size(); i++) {
			MigrationStep step = steps.get(i);
			String sql = planned.sql().get(i);
			lastRerunnable = Rerunnable.test(step, sql);
			this.beforeEachStep.run();
			if (!lastRerunnable) {
				flush();
			}
			long stepStarted = System.nanoTime();
			try {
				this.target.run(step, sql, migration.module());
			}
			catch (Exception ex) {
				fail(planned, row, rollback, i, step, sql, started, ex);
			}
			logStep(migration, steps.size(), i, step, millisSince(stepStarted));
			if (!lastRerunnable && i < steps.size() - 1) {
				this.waiting.add(row.with(rollback ? HistoryEvent.ROLLBACK_PROGRESS : HistoryEvent.PROGRESS, i + 1,
						Progress.checksum(steps, i + 1), installedOn, millisSince(started), ""));
				flush();
			}
		}
		long millis = millisSince(started);
		this.waiting.add(rollback ? row.with(HistoryEvent.ROLLED_BACK, 0, "", installedOn, millis, "")
				: row.with(HistoryEvent.APPLIED, steps.size(), Progress.checksum(steps, steps.size()), installedOn,
						millis, ""));
		if (!lastRerunnable) {
			flush();
		}
		logger.info("{} {} '{}' on database '{}' ({} statement{}, {} ms)", rollback ? "Rolled back" : "Applied",
				migration.key(), migration.description(), this.database.name(), steps.size(),
				(steps.size() == 1) ? "" : "s", millis);
		this.listeners.forEach((listener) -> listener.succeeded(this.database, migration, rollback, millis));
	}

	private void fail(PlannedMigration planned, AppliedMigration row, boolean rollback, int index, MigrationStep step,
			String sql, long started, Exception ex) {
		ResolvedMigration migration = planned.migration();
		List<MigrationStep> steps = planned.steps();
		long millis = millisSince(started);
		String error = ClickHouseErrors.describe(ex);
		this.waiting.add(row.with(rollback ? HistoryEvent.ROLLBACK_FAILED : HistoryEvent.FAILED, index,
				Progress.checksum(steps, index), row.installedOn(), millis, error));
		flush();
		this.listeners.forEach((listener) -> listener.failed(this.database, migration, rollback, millis, ex));
		String next = rollback
				? "Fix the cause and run the rollback again: it resumes at rollback statement " + (index + 1)
						+ "; or finish by hand and run repair."
				: "Fix the cause and migrate again: it resumes at statement " + (index + 1) + " if statements 1 to "
						+ index + " are unchanged.";
		throw new ClickHouseMigrationException(String.format(
				"%s of %s '%s' (%s) failed on database '%s' at statement %d of %d: %s%n  statement: %s%n"
						+ "  Statements 1 to %d ran and stay applied (ClickHouse has no transactions). %s",
				rollback ? "Rollback" : "Migration", migration.key(), migration.description(), migration.script(),
				this.database.name(), index + 1, steps.size(), error, step.isSql() ? sql : step.label(), index, next),
				ex);
	}

	private void logStep(ResolvedMigration migration, int total, int index, MigrationStep step, long millis) {
		if (total >= LONG_MIGRATION_STEPS || millis >= SLOW_STEP_MILLIS) {
			logger.info("  {} on database '{}': statement {} of {} done in {} ms: {}", migration.key(),
					this.database.name(), index + 1, total, millis, step.label());
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("  {} on database '{}': statement {} of {} done in {} ms: {}", migration.key(),
					this.database.name(), index + 1, total, millis, step.label());
		}
	}

	private void flush() {
		if (!this.waiting.isEmpty()) {
			List<AppliedMigration> rows = List.copyOf(this.waiting);
			this.waiting.clear();
			this.target.record(rows);
		}
	}

	private static long millisSince(long nanos) {
		return (System.nanoTime() - nanos) / 1_000_000;
	}

}
