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
 * Runs planned migrations (or their rollbacks) on one database so that every statement takes
 * effect exactly once. ClickHouse has no transactions, so the history records progress per
 * statement: only {@link Additive additive} statements go without a row of their own; every other
 * statement is bracketed, the rows waiting written before it and its own row right after it.
 * <p>
 * Every statement carries a {@link StatementId} as its query id. When its answer is lost, or when
 * this run took over from an instance that died (its first bracketed statement may be the one in
 * flight), ClickHouse is asked what became of it first: still running, it is waited for; finished,
 * it is recorded as done; failed or never started, it runs; when ClickHouse cannot tell, the run
 * stops with a row that says so.
 */
public final class MigrationExecutor {

	private static final Logger logger = LoggerFactory.getLogger(MigrationExecutor.class);

	// A statement that never reached ClickHouse is sent again, this many times in all.
	private static final int MAX_ATTEMPTS = 3;

	private final MigrationDatabase database;

	private final ExecutionTarget target;

	private final List<MigrationListener> listeners;

	private final Runnable beforeEachStep;

	private final ProgressMonitor progress;

	private final List<AppliedMigration> waiting = new ArrayList<>();

	private boolean verifyNext;

	/**
	 * @param target where steps run and history rows go
	 * @param beforeEachStep runs before every step and may throw to stop, e.g. when the lock was lost
	 * @param afterTakeOver whether the previous holder of the lock died: then ClickHouse is asked
	 * about the first bracketed statement before it runs
	 * @param progress what watches long statements; {@code null} for none (a dry run)
	 */
	public MigrationExecutor(MigrationDatabase database, ExecutionTarget target, List<MigrationListener> listeners,
			Runnable beforeEachStep, boolean afterTakeOver, ProgressMonitor progress) {
		this.database = database;
		this.target = target;
		this.listeners = listeners;
		this.beforeEachStep = beforeEachStep;
		this.verifyNext = afterTakeOver;
		this.progress = progress;
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
				new Run(planned, rollback, installedBy).run();
			}
		}
		catch (RuntimeException ex) {
			// Rows still waiting are written, and a failure to write them joins the failure, not replaces it.
			try {
				flush();
			}
			catch (RuntimeException flushFailure) {
				ex.addSuppressed(flushFailure);
			}
			throw ex;
		}
		flush();
	}

	private void flush() {
		if (!this.waiting.isEmpty()) {
			List<AppliedMigration> rows = List.copyOf(this.waiting);
			this.waiting.clear();
			this.target.record(rows);
		}
	}

	/** One planned migration being run. */
	private final class Run {

		private final PlannedMigration planned;

		private final ResolvedMigration migration;

		private final List<MigrationStep> steps;

		private final boolean rollback;

		private final AppliedMigration row;

		private final long started = System.nanoTime();

		// The latest row of this migration written so far (or read before the run).
		private AppliedMigration latest;

		Run(PlannedMigration planned, boolean rollback, String installedBy) {
			this.planned = planned;
			this.migration = planned.migration();
			this.steps = planned.steps();
			this.rollback = rollback;
			// A resumed run keeps the time the migration was first applied.
			AppliedMigration previous = planned.previous();
			boolean resumed = previous != null && (rollback || previous.event() == HistoryEvent.PROGRESS
					|| previous.event() == HistoryEvent.FAILED);
			Instant installedOn = resumed ? previous.installedOn() : Instant.now();
			this.latest = previous;
			this.row = new AppliedMigration(this.migration.key(), this.migration.description(), this.migration.type(),
					this.migration.script(), this.migration.checksum(), HistoryEvent.PROGRESS, planned.startAt(),
					this.steps.size(), "", installedBy, installedOn, 0, "");
		}

		void run() {
			RunMessages.logResume(this.migration, database.name(), this.rollback, this.planned.startAt(),
					this.steps.size());
			boolean lastAdditive = true;
			for (int i = this.planned.startAt(); i < this.steps.size(); i++) {
				MigrationStep step = this.steps.get(i);
				String sql = this.planned.sql().get(i);
				lastAdditive = Additive.test(step, sql);
				beforeEachStep.run();
				if (!lastAdditive) {
					flush();
				}
				long stepStarted = System.nanoTime();
				StatementId id = StatementId.of(database.name() + "@" + target.placeholders().get("database"),
						this.migration.key(), this.rollback, i, Progress.checksum(this.steps, i + 1), this.latest);
				run(i, step, sql, id, lastAdditive);
				RunMessages.logStep(this.migration, database.name(), i, this.steps.size(), step, millisSince(stepStarted));
				if (!lastAdditive && i < this.steps.size() - 1) {
					waiting.add(progress(i + 1, this.rollback ? HistoryEvent.ROLLBACK_PROGRESS : HistoryEvent.PROGRESS, ""));
					recordRan(i);
				}
			}
			long millis = millisSince(this.started);
			waiting.add(progress(this.rollback ? 0 : this.steps.size(),
					this.rollback ? HistoryEvent.ROLLED_BACK : HistoryEvent.APPLIED, ""));
			if (!lastAdditive) {
				recordRan(this.steps.size() - 1);
			}
			logger.info("{} {} '{}' on database '{}' ({} statement{}, {} ms)",
					this.rollback ? "Rolled back" : "Applied", this.migration.key(), this.migration.description(),
					database.name(), this.steps.size(), (this.steps.size() == 1) ? "" : "s", millis);
			listeners.forEach((listener) -> listener.succeeded(database, this.migration, this.rollback, millis));
		}

		// The row of a bracketed statement that ran. Without it, the history says the statement did not
		// run: the next holder must not trust it, but ask ClickHouse, as after a crash.
		private void recordRan(int index) {
			try {
				flush();
			}
			catch (RuntimeException ex) {
				throw new OutcomeUnknownException(RunMessages.unrecorded(this.migration, database.name(), this.rollback,
						index, ClickHouseErrors.describe(ex)), ex, false);
			}
		}

		// Runs the step, watched while it runs long (waiting for a lost answer included).
		private void run(int index, MigrationStep step, String sql, StatementId first, boolean additive) {
			if (progress == null) {
				attempt(index, step, sql, first, additive);
				return;
			}
			// The statements a Java step sends carry its query id as their prefix: they are watched too.
			try (ProgressMonitor.Watch watch = progress.start(database, this.migration.key().toString(), this.rollback,
					index + 1, this.steps.size(), step.isSql() ? sql : step.label(), first.prefix())) {
				attempt(index, step, sql, first, additive);
			}
		}

		// Runs the step; after a lost answer, asks ClickHouse before it sends the step again.
		private void attempt(int index, MigrationStep step, String sql, StatementId first, boolean additive) {
			StatementId id = first;
			if (verifyNext && !additive) {
				verifyNext = false;
				Outcome outcome = target.outcome(id, !step.isSql());
				logger.info("{} {} on database '{}', statement {}: the instance that ran it before died; ClickHouse "
						+ "says of query {}: {}", what(), this.migration.key(), database.name(), index + 1, id.prefix(),
						outcome.kind());
				if (settled(index, step, sql, outcome, null)) {
					return;
				}
				id = id.attempt(outcome.lastAttempt() + 1);
			}
			while (true) {
				try {
					target.run(step, sql, this.migration.module(), id);
					return;
				}
				catch (Exception ex) {
					if (!ClickHouseErrors.isLostAnswer(ex)) {
						throw fail(index, step, sql, ex);
					}
					Outcome outcome = target.outcome(id, !step.isSql());
					logger.warn("{} {} on database '{}', statement {}: the answer was lost ({}); ClickHouse says of "
							+ "query {}: {}", what(), this.migration.key(), database.name(), index + 1,
							ClickHouseErrors.describe(ex), id.queryId(), outcome.kind());
					// Sending an additive statement again is harmless, even when ClickHouse cannot tell.
					boolean resend = additive && outcome.kind() == Outcome.Kind.UNKNOWN;
					if (!resend && settled(index, step, sql, outcome, ex)) {
						return;
					}
					if (id.attempt() >= MAX_ATTEMPTS) {
						throw fail(index, step, sql, ex);
					}
					id = id.attempt(Math.max(id.attempt(), outcome.lastAttempt()) + 1);
				}
			}
		}

		// What ClickHouse says of a statement: true when done, false when it should run (again), else a failure.
		private boolean settled(int index, MigrationStep step, String sql, Outcome outcome, Exception lost) {
			return switch (outcome.kind()) {
				case FINISHED -> true;
				case NOT_STARTED -> false;
				case FAILED -> throw fail(index, step, sql, new ClickHouseMigrationException(outcome.detail(), lost));
				case UNKNOWN -> throw unknown(index, step, sql, outcome, lost);
			};
		}

		private ClickHouseMigrationException fail(int index, MigrationStep step, String sql, Exception ex) {
			String error = ClickHouseErrors.describe(ex);
			return record(index, this.rollback ? HistoryEvent.ROLLBACK_FAILED : HistoryEvent.FAILED, error,
					RunMessages.failed(this.migration, database.name(), this.rollback, index, this.steps.size(), error,
							step.isSql() ? sql : step.label()), ex);
		}

		private ClickHouseMigrationException unknown(int index, MigrationStep step, String sql, Outcome outcome,
				Exception lost) {
			return record(index, this.rollback ? HistoryEvent.ROLLBACK_UNKNOWN : HistoryEvent.UNKNOWN, outcome.detail(),
					RunMessages.unknown(this.migration, database.name(), this.rollback, index, this.steps.size(),
							outcome.detail(), step.isSql() ? sql : step.label()), lost);
		}

		// Records the row of a stopped run; a failure to write it is added to the message, never in its place.
		private ClickHouseMigrationException record(int index, HistoryEvent event, String error, String message,
				Exception cause) {
			long millis = millisSince(this.started);
			waiting.add(progress(index, event, error));
			RuntimeException notRecorded = null;
			try {
				flush();
			}
			catch (RuntimeException ex) {
				notRecorded = ex;
			}
			String text = (notRecorded == null) ? message
					: message + "\n  The history row that records this could not be written either: "
							+ ClickHouseErrors.describe(notRecorded);
			ClickHouseMigrationException failure = event.isOutcomeUnknown()
					? new OutcomeUnknownException(text, cause, notRecorded == null)
					: new ClickHouseMigrationException(text, cause);
			if (notRecorded != null) {
				failure.addSuppressed(notRecorded);
			}
			listeners.forEach((listener) -> listener.failed(database, this.migration, this.rollback, millis, failure));
			return failure;
		}

		// The row of this migration's progress; the statements after it are identified by it.
		private AppliedMigration progress(int done, HistoryEvent event, String error) {
			String checksum = (event == HistoryEvent.ROLLED_BACK) ? "" : Progress.checksum(this.steps, done);
			this.latest = this.row.with(event, done, checksum, this.row.installedOn(), millisSince(this.started), error);
			return this.latest;
		}

		private String what() {
			return this.rollback ? "Rollback" : "Migration";
		}

	}

	private static long millisSince(long nanos) {
		return (System.nanoTime() - nanos) / 1_000_000;
	}

}
