package org.clickhousemigrations.execute;

import java.time.Duration;
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
import org.clickhousemigrations.sql.Secrets;
import org.clickhousemigrations.sql.StatementTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs planned migrations (or their rollbacks) on one database so that every statement takes
 * effect exactly once. ClickHouse has no transactions, so the history records progress per
 * statement: only {@link Additive additive} statements go without a row of their own; every other
 * statement is bracketed, the rows waiting written before it and its own row right after it.
 * <p>
 * Every statement carries a {@link StatementId} as its query id, the same for every attempt of one
 * application of the migration. When its answer is lost or hides what it did, when it failed in a
 * way that may have left something behind, or when this run goes on where another died or failed,
 * ClickHouse is asked what became of it first ({@link ErrorClasses} says which answers are which):
 * still running, it is waited for; finished, it is recorded as done; a mutation it created is
 * waited for and never sent again; rows a failed INSERT kept stop the run ({@code PARTIAL}); a
 * Java step is replayed with its finished writes skipped; failed without a trace or never started,
 * it runs; when ClickHouse cannot tell, the run stops with a row that says so. A statement refused
 * before it ran is sent again after a back-off ({@link Retry}).
 */
public final class MigrationExecutor {

	private static final Logger logger = LoggerFactory.getLogger(MigrationExecutor.class);

	// A statement whose answer was lost is looked up and sent again, this many times in all.
	private static final int MAX_ATTEMPTS = 3;

	private final MigrationDatabase database;

	private final ExecutionTarget target;

	private final List<MigrationListener> listeners;

	private final Runnable beforeEachStep;

	private final ProgressMonitor progress;

	private final List<AppliedMigration> waiting = new ArrayList<>();

	// What masks secrets in everything this shows or stores: logs, history rows, failures.
	private final Secrets secrets;

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

		// Whether this run goes on with an application of the migration that has rows already.
		private final boolean resumed;

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
			this.resumed = previous != null && (rollback || previous.event() == HistoryEvent.PROGRESS
					|| previous.event() == HistoryEvent.FAILED);
			Instant installedOn = this.resumed ? previous.installedOn() : Instant.ofEpochMilli(System.currentTimeMillis());
			// A rollback belongs to the application it undoes, whose rows exist.
			this.hasRow = this.resumed || rollback;
			this.latest = previous;
			this.row = new AppliedMigration(this.migration.key(), this.migration.description(), this.migration.type(),
					this.migration.script(), this.migration.checksum(), HistoryEvent.PROGRESS, planned.startAt(),
					this.steps.size(), "", installedBy, installedOn, 0, "");
		}

		// The first row of a new application, sent with the rows before it (the previous migration's last).
		// Additive statements alone need none: they may run again.
		private void startRow() {
			boolean needed = false;
			for (int i = this.planned.startAt(); i < this.steps.size() && !needed; i++) {
				needed = !Additive.test(this.steps.get(i), this.planned.sql().get(i));
			}
			if (!this.hasRow && needed) {
				this.hasRow = true;
				waiting.add(progress(this.planned.startAt(), HistoryEvent.PROGRESS, ""));
			}
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
						this.migration.key(), this.rollback, i, Progress.checksum(this.steps, i + 1),
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

		// Runs the step, watched while it runs long (waiting for a lost answer included).
		private void run(int index, MigrationStep step, String sql, StatementId first, boolean additive,
				boolean resumesFailure) {
			if (progress == null) {
				attempt(index, step, sql, first, additive, resumesFailure);
				return;
			}
			// The statements a Java step sends carry its query id as their prefix: they are watched too.
			try (ProgressMonitor.Watch watch = progress.start(database, this.migration.key().toString(), this.rollback,
					index + 1, this.steps.size(), shown(step, sql), first.prefix())) {
				attempt(index, step, sql, first, additive, resumesFailure);
			}
		}

		/**
		 * Runs the step. Before it runs again after an earlier run died or failed at it, and whenever
		 * its answer may hide what it did, ClickHouse is asked first; refusals are retried.
		 */
		private void attempt(int index, MigrationStep step, String sql, StatementId first, boolean additive,
				boolean resumesFailure) {
			StatementId id = first;
			Outcome before = Outcome.NONE;
			if (!additive && (verifyNext || resumesFailure)) {
				verifyNext = false;
				before = target.outcome(id, sql, null);
				logger.info("{} {} on database '{}', statement {}: {}; ClickHouse says of query {}: {}", what(),
						this.migration.key(), database.name(), index + 1, resumesFailure ? "it failed in an earlier run"
								: "the instance that ran it before died", id.prefix(), secrets.mask(describe(before)));
				if (settled(index, step, sql, before, null, false)) {
					return;
				}
				id = id.attempt(before.lastAttempt() + 1);
			}
			Retry retry = target.retry();
			int retries = 0;
			int lookups = 0;
			Duration waited = Duration.ZERO;
			while (true) {
				try {
					target.run(step, sql, this.migration.module(), id, before);
					return;
				}
				catch (JavaStepStatements.ChangedWriteException ex) {
					throw unknown(index, step, sql, Outcome.unknown(ex.getMessage()), ex);
				}
				catch (Exception ex) {
					ErrorClasses.Handling handling = ErrorClasses.of(ex, sql);
					if (handling == ErrorClasses.Handling.RETRY) {
						Duration wait = retry.before(++retries, waited);
						if (wait == null) {
							throw fail(index, step, sql, ex);
						}
						logger.warn("{} {} on database '{}', statement {}: ClickHouse refused it before running it ({}); "
								+ "sending it again in {} ms (retry {} of {})", what(), this.migration.key(),
								database.name(), index + 1, secrets.mask(ClickHouseErrors.describe(ex)), wait.toMillis(), retries,
								retry.attempts());
						sleep(wait);
						waited = waited.plus(wait);
						id = id.attempt(id.attempt() + 1);
						continue;
					}
					boolean mayHaveLeftSomething = !step.isSql() || StatementTarget.of(sql).isPresent();
					if (handling == ErrorClasses.Handling.FAILED && (additive || !mayHaveLeftSomething)) {
						throw fail(index, step, sql, ex);
					}
					Outcome outcome = target.outcome(id, sql, ex);
					logger.warn("{} {} on database '{}', statement {}: {} ({}); ClickHouse says of query {}: {}", what(),
							this.migration.key(), database.name(), index + 1,
							(handling == ErrorClasses.Handling.LOOK_UP) ? "the outcome is not known" : "it failed",
							secrets.mask(ClickHouseErrors.describe(ex)), id.queryId(), secrets.mask(describe(outcome)));
					// Sending an additive statement again is harmless, even when ClickHouse cannot tell.
					boolean resend = additive && outcome.kind() == Outcome.Kind.UNKNOWN;
					if (!resend && settled(index, step, sql, outcome, ex, handling == ErrorClasses.Handling.FAILED)) {
						return;
					}
					if (++lookups >= MAX_ATTEMPTS) {
						throw fail(index, step, sql, ex);
					}
					before = outcome;
					id = id.attempt(Math.max(id.attempt(), outcome.lastAttempt()) + 1);
				}
			}
		}

		/**
		 * What ClickHouse says of a statement: true when done, false when it should run (again), else a
		 * failure recorded.
		 * @param failedNow whether the statement just failed in this run: then it is not run again here
		 */
		private boolean settled(int index, MigrationStep step, String sql, Outcome outcome, Exception answer,
				boolean failedNow) {
			return switch (outcome.kind()) {
				case FINISHED -> true;
				case NOT_STARTED -> false;
				case FAILED -> {
					if (failedNow || (answer != null && step.isSql())) {
						throw fail(index, step, sql, (answer != null) ? answer
								: new ClickHouseMigrationException(outcome.detail()));
					}
					yield false;
				}
				case STUCK -> throw fail(index, step, sql, answer, outcome.detail());
				case PARTIAL -> throw partial(index, step, sql, outcome, answer);
				case UNKNOWN -> throw unknown(index, step, sql, outcome, answer);
			};
		}

		private ClickHouseMigrationException fail(int index, MigrationStep step, String sql, Exception ex) {
			return fail(index, step, sql, ex, ClickHouseErrors.describe(ex));
		}

		private ClickHouseMigrationException fail(int index, MigrationStep step, String sql, Exception ex,
				String error) {
			return record(index, this.rollback ? HistoryEvent.ROLLBACK_FAILED : HistoryEvent.FAILED, error,
					RunMessages.failed(this.migration, database.name(), this.rollback, index, this.steps.size(), error,
							shown(step, sql)), ex);
		}

		private ClickHouseMigrationException unknown(int index, MigrationStep step, String sql, Outcome outcome,
				Exception lost) {
			return record(index, this.rollback ? HistoryEvent.ROLLBACK_UNKNOWN : HistoryEvent.UNKNOWN, outcome.detail(),
					RunMessages.unknown(this.migration, database.name(), this.rollback, index, this.steps.size(),
							outcome.detail(), shown(step, sql)), lost);
		}

		private ClickHouseMigrationException partial(int index, MigrationStep step, String sql, Outcome outcome,
				Exception answer) {
			return record(index, this.rollback ? HistoryEvent.ROLLBACK_UNKNOWN : HistoryEvent.PARTIAL, outcome.detail(),
					RunMessages.partial(this.migration, database.name(), this.rollback, index, this.steps.size(),
							outcome.detail(), shown(step, sql)), answer);
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

		// The row of this migration's progress; the statements after it are identified by it.
		private AppliedMigration progress(int done, HistoryEvent event, String error) {
			String checksum = (event == HistoryEvent.ROLLED_BACK) ? "" : Progress.checksum(this.steps, done);
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

	private static String describe(Outcome outcome) {
		return outcome.kind() + (outcome.detail().isEmpty() ? "" : " (" + outcome.detail() + ")");
	}

	private static void sleep(Duration wait) {
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ClickHouseMigrationException("Interrupted while waiting to send a statement again", ex);
		}
	}

	private static long millisSince(long nanos) {
		return (System.nanoTime() - nanos) / 1_000_000;
	}

}
