package org.clickhousemigrations.execute;

import java.time.Duration;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.model.HistoryEvent;
import org.clickhousemigrations.sql.ClickHouseErrors;
import org.clickhousemigrations.sql.Secrets;
import org.clickhousemigrations.sql.StatementTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one step until ClickHouse confirms it took effect once, or stops: refusals are sent again
 * after a back-off ({@link Retry}); an answer that may hide what the step did, a failure that may
 * have left something behind, and an earlier run that died or failed at the step are looked up
 * ({@link ExecutionTarget#verdict}) before anything is sent again ({@link ErrorClasses} says which
 * answers are which). Writes no history: a stop says which row the executor records.
 */
final class StepAttempts {

	private static final Logger logger = LoggerFactory.getLogger(MigrationExecutor.class);

	// A statement whose answer was lost is looked up and sent again, this many times in all.
	private static final int MAX_LOOKUPS = 3;

	private final ExecutionTarget target;

	private final Secrets secrets;

	StepAttempts(ExecutionTarget target) {
		this.target = target;
		this.secrets = target.placeholders().secrets();
	}

	/**
	 * One step of one migration to run.
	 * @param name how logs name it: {@code Migration events:0002 on database 'main', statement 3}
	 * @param sql its SQL with placeholders resolved, {@code null} for a Java step
	 * @param additive whether it may simply run again
	 * @param lookFirst whether to ask ClickHouse before the first attempt (an earlier run died or failed at it)
	 */
	record Step(String name, String module, MigrationStep step, String sql, StatementId id, boolean additive,
			boolean lookFirst) {
	}

	/** Runs the step. @throws Stopped when it failed, or its outcome is unknown or partial */
	void run(Step step) {
		StatementId id = step.id();
		Verdict before = Verdict.NONE;
		if (step.lookFirst()) {
			before = this.target.verdict(id, step.sql(), null);
			logger.info("{}: it did not end in an earlier run; ClickHouse says of query {}: {}", step.name(),
					id.prefix(), this.secrets.mask(describe(before)));
			if (settled(step, before, null, false)) {
				return;
			}
			id = id.attempt(before.lastAttempt() + 1);
		}
		Retry retry = this.target.retry();
		int retries = 0;
		int lookups = 0;
		Duration waited = Duration.ZERO;
		while (true) {
			try {
				this.target.run(step.step(), step.sql(), step.module(), id, before);
				return;
			}
			catch (JavaStepStatements.ChangedWriteException ex) {
				throw new Stopped(HistoryEvent.UNKNOWN, ex.getMessage(), ex);
			}
			catch (Exception ex) {
				ErrorClasses.Handling handling = ErrorClasses.of(ex, step.sql());
				if (handling == ErrorClasses.Handling.RETRY) {
					Duration wait = retry.before(++retries, waited);
					if (wait == null) {
						throw Stopped.failed(ex);
					}
					logger.warn("{}: ClickHouse refused it before running it ({}); sending it again in {} ms (retry {} "
							+ "of {})", step.name(), this.secrets.mask(ClickHouseErrors.describe(ex)), wait.toMillis(),
							retries, retry.attempts());
					sleep(wait);
					waited = waited.plus(wait);
					id = id.attempt(id.attempt() + 1);
					continue;
				}
				boolean mayHaveLeftSomething = !step.step().isSql() || StatementTarget.of(step.sql()).isPresent();
				if (handling == ErrorClasses.Handling.FAILED && (step.additive() || !mayHaveLeftSomething)) {
					throw Stopped.failed(ex);
				}
				Verdict verdict = this.target.verdict(id, step.sql(), ex);
				logger.warn("{}: {} ({}); ClickHouse says of query {}: {}", step.name(),
						(handling == ErrorClasses.Handling.LOOK_UP) ? "the outcome is not known" : "it failed",
						this.secrets.mask(ClickHouseErrors.describe(ex)), id.queryId(), this.secrets.mask(describe(verdict)));
				// Sending an additive statement again is harmless, even when ClickHouse cannot tell.
				boolean resend = step.additive() && verdict.kind() == Verdict.Kind.UNKNOWN;
				if (!resend && settled(step, verdict, ex, handling == ErrorClasses.Handling.FAILED)) {
					return;
				}
				if (++lookups >= MAX_LOOKUPS) {
					throw Stopped.failed(ex);
				}
				before = verdict;
				id = id.attempt(Math.max(id.attempt(), verdict.lastAttempt()) + 1);
			}
		}
	}

	/**
	 * What ClickHouse says of a step: true when done, false when it should run (again), else a stop.
	 * @param failedNow whether the step just failed in this run: then it is not run again here
	 */
	private static boolean settled(Step step, Verdict verdict, Exception answer, boolean failedNow) {
		return switch (verdict.kind()) {
			case FINISHED -> true;
			case NOT_STARTED -> false;
			case FAILED -> {
				if (failedNow || (answer != null && step.step().isSql())) {
					throw Stopped.failed((answer != null) ? answer : new ClickHouseMigrationException(verdict.detail()));
				}
				yield false;
			}
			case STUCK -> throw new Stopped(HistoryEvent.FAILED, verdict.detail(), answer);
			case PARTIAL -> throw new Stopped(HistoryEvent.PARTIAL, verdict.detail(), answer);
			case UNKNOWN -> throw new Stopped(HistoryEvent.UNKNOWN, verdict.detail(), answer);
		};
	}

	private static String describe(Verdict verdict) {
		return verdict.kind() + (verdict.detail().isEmpty() ? "" : " (" + verdict.detail() + ")");
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

	/**
	 * The step stopped: the row to record says {@link #event()} ({@code FAILED}, {@code UNKNOWN} or
	 * {@code PARTIAL}, of a migration; the executor turns them into their rollback forms).
	 */
	static final class Stopped extends RuntimeException {

		private final HistoryEvent event;

		private final String detail;

		Stopped(HistoryEvent event, String detail, Exception cause) {
			super(detail, cause, false, false);
			this.event = event;
			this.detail = detail;
		}

		static Stopped failed(Exception cause) {
			return new Stopped(HistoryEvent.FAILED, ClickHouseErrors.describe(cause), cause);
		}

		HistoryEvent event() {
			return this.event;
		}

		String detail() {
			return this.detail;
		}

		Exception failure() {
			return (Exception) getCause();
		}

	}

}
