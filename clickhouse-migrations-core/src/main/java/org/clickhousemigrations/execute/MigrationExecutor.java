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
import org.clickhousemigrations.plan.DoneSteps;
import org.clickhousemigrations.plan.PlannedMigration;
import org.clickhousemigrations.sql.ClickHouseErrors;
import org.clickhousemigrations.sql.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs planned migrations (or their rollbacks) on one database so that every statement takes
 * effect exactly once. ClickHouse has no transactions, so the history records progress per
 * statement: only {@link Additive additive} statements go without a row of their own; every other
 * statement is bracketed, the rows waiting written before it and its own row right after it.
 * <p>
 * Every statement carries a {@link StatementId} as its query id, the same for every attempt of one
 * application of the migration, whose first row is written before its first bracketed statement.
 * {@link StepAttempts} sends each step until ClickHouse confirms it took effect once, or says
 * which row stops the run ({@code FAILED}, {@code UNKNOWN}, {@code PARTIAL}).
 */
public final class MigrationExecutor {

	private static final Logger logger = LoggerFactory.getLogger(MigrationExecutor.class);

	private final MigrationDatabase database;

	private final ExecutionTarget target;

	private final List<MigrationListener> listeners;

	private final Runnable beforeEachStep;

	private final ProgressMonitor progress;

	private final List<AppliedMigration> waiting = new ArrayList<>();

	// What masks secrets in everything this shows or stores: logs, history rows, failures.
	private final Secrets secrets;

	private final StepAttempts attempts;

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
		this.secrets = target.placeholders().secrets();
		this.attempts = new StepAttempts(target);
	}

	/**
	 * Runs the migrations in order.
	 * @param rollback whether the planned steps undo their migrations
	 * @throws ClickHouseMigrationException on the first failing step, after recording it
	 */
	public void execute(List<PlannedMigration> plan, boolean rollback) {
		try {
			String installedBy = this.target.installedBy();
			List<Run> runs = plan.stream().map((planned) -> new Run(planned, rollback, installedBy)).toList();
			for (int i = 0; i < runs.size(); i++) {
				runs.get(i).run((i + 1 < runs.size()) ? runs.get(i + 1) : null);
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

		private long started = System.nanoTime();

		// Whether the history has a row of this application, written or waiting: every statement's
		// identity is taken from it, so a bracketed statement never runs before it.
		private boolean hasRow;

		// The latest row of this migration written so far (or read before the run).
		private AppliedMigration latest;

		Run(PlannedMigration planned, boolean rollback, String installedBy) {
			this.planned = planned;
			this.migration = planned.migration();
			this.steps = planned.steps();
			this.rollback = rollback;
			// A resumed run, and a rollback, keep the time the migration was first applied.
			AppliedMigration previous = planned.previous();
			boolean resumed = previous != null && (rollback || previous.event() == HistoryEvent.PROGRESS
					|| previous.event() == HistoryEvent.FAILED);
			Instant installedOn = resumed ? previous.installedOn() : Instant.ofEpochMilli(System.currentTimeMillis());
			// A rollback belongs to the application it undoes, whose rows exist; additive statements alone
			// need none, since they may run again.
			this.hasRow = resumed || rollback || allAdditive(planned);
			this.latest = previous;
			this.row = new AppliedMigration(this.migration.key(), this.migration.description(), this.migration.type(),
					this.migration.script(), this.migration.checksum(), HistoryEvent.PROGRESS, planned.startAt(),
					this.steps.size(), "", installedBy, installedOn, 0, "");
		}

		// The first row of a new application, sent with the rows before it (the previous migration's last).
		private void startRow() {
			if (!this.hasRow) {
				this.hasRow = true;
				waiting.add(progress(this.planned.startAt(), HistoryEvent.PROGRESS, ""));
			}
		}

		private static boolean allAdditive(PlannedMigration planned) {
			for (int i = planned.startAt(); i < planned.steps().size(); i++) {
				if (!Additive.test(planned.steps().get(i), planned.sql().get(i))) {
					return false;
				}
			}
			return true;
		}

		void run(Run next) {
			this.started = System.nanoTime();
			RunMessages.logResume(this.migration, database.name(), this.rollback, this.planned.startAt(),
					this.steps.size());
			startRow();
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
						this.migration.key(), this.rollback, i, DoneSteps.checksum(this.steps, i + 1),
						this.row.installedOn());
				boolean resumesFailure = i == this.planned.startAt() && this.latest != null
						&& (this.latest.event() == HistoryEvent.FAILED || this.latest.event() == HistoryEvent.ROLLBACK_FAILED);
				run(i, step, sql, id, lastAdditive, resumesFailure);
				RunMessages.logStep(this.migration, database.name(), i, this.steps.size(), secrets.mask(step.label()),
						millisSince(stepStarted));
				if (!lastAdditive && i < this.steps.size() - 1) {
					waiting.add(progress(i + 1, this.rollback ? HistoryEvent.ROLLBACK_PROGRESS : HistoryEvent.PROGRESS, ""));
					recordRan(i);
				}
			}
			long millis = millisSince(this.started);
			waiting.add(progress(this.rollback ? 0 : this.steps.size(),
					this.rollback ? HistoryEvent.ROLLED_BACK : HistoryEvent.APPLIED, ""));
			if (next != null) {
				next.startRow();
			}
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
						index, secrets.mask(ClickHouseErrors.describe(ex))), secrets.mask(ex), false);
			}
		}

		// Runs the step through its attempts, watched while it runs long (a wait for a lost answer
		// included; a Java step's statements carry its query id as their prefix); a stop is recorded as
		// the row it names.
		private void run(int index, MigrationStep step, String sql, StatementId id, boolean additive,
				boolean resumesFailure) {
			boolean lookFirst = !additive && (verifyNext || resumesFailure);
			verifyNext = verifyNext && !lookFirst;
			StepAttempts.Step attempt = new StepAttempts.Step(what() + " " + this.migration.key() + " on database '"
					+ database.name() + "', statement " + (index + 1), this.migration.module(), step, sql, id, additive,
					lookFirst);
			try (ProgressMonitor.Watch watch = (progress != null) ? progress.start(database,
					this.migration.key().toString(), this.rollback, index + 1, this.steps.size(), shown(step, sql),
					ChunkedCopy.watched(sql, id)) : null) {
				attempts.run(attempt);
			}
			catch (StepAttempts.Stopped stop) {
				String detail = stop.detail();
				HistoryEvent event = switch (stop.event()) {
					case PARTIAL -> this.rollback ? HistoryEvent.ROLLBACK_UNKNOWN : HistoryEvent.PARTIAL;
					case UNKNOWN -> this.rollback ? HistoryEvent.ROLLBACK_UNKNOWN : HistoryEvent.UNKNOWN;
					default -> this.rollback ? HistoryEvent.ROLLBACK_FAILED : HistoryEvent.FAILED;
				};
				throw record(index, event, detail, RunMessages.stopped(stop.event(), this.migration, database.name(),
						this.rollback, index, this.steps.size(), detail, shown(step, sql)), stop.failure());
			}
		}

		// Records the row of a stopped run; a failure to write it is added to the message, never in its place.
		// Secrets are masked in the row, the message and every message of the cause.
		private ClickHouseMigrationException record(int index, HistoryEvent event, String error, String message,
				Exception unmasked) {
			long millis = millisSince(this.started);
			Throwable cause = secrets.mask(unmasked);
			waiting.add(progress(index, event, secrets.mask(error)));
			RuntimeException notRecorded = null;
			try {
				flush();
			}
			catch (RuntimeException ex) {
				notRecorded = ex;
			}
			String text = secrets.mask((notRecorded == null) ? message
					: message + "\n  The history row that records this could not be written either: "
							+ ClickHouseErrors.describe(notRecorded));
			ClickHouseMigrationException failure = event.isOutcomeUnknown()
					? new OutcomeUnknownException(text, cause, notRecorded == null)
					: new ClickHouseMigrationException(text, cause);
			if (notRecorded != null) {
				failure.addSuppressed(secrets.mask(notRecorded));
			}
			listeners.forEach((listener) -> listener.failed(database, this.migration, this.rollback, millis, failure));
			return failure;
		}

		// The row of this migration's progress, kept as the latest.
		private AppliedMigration progress(int done, HistoryEvent event, String error) {
			String checksum = (event == HistoryEvent.ROLLED_BACK) ? "" : DoneSteps.checksum(this.steps, done);
			this.latest = this.row.with(event, done, checksum, this.row.installedOn(), millisSince(this.started), error);
			return this.latest;
		}

		// The statement as logs and reports show it: secrets masked; a Java step by its label.
		private String shown(MigrationStep step, String sql) {
			return secrets.mask(step.isSql() ? sql : step.label());
		}

		private String what() {
			return this.rollback ? "Rollback" : "Migration";
		}

	}

	private static long millisSince(long nanos) {
		return (System.nanoTime() - nanos) / 1_000_000;
	}

}
