package org.clickhousemigrations.execute;

import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.model.HistoryEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the {@link MigrationExecutor} logs as it runs, and says when a run stops. */
final class RunMessages {

	private static final Logger logger = LoggerFactory.getLogger(MigrationExecutor.class);

	// Migrations with at least this many steps log a line per step.
	private static final int LONG_MIGRATION_STEPS = 5;

	private static final long SLOW_STEP_MILLIS = 1000;

	private RunMessages() {
	}

	/** Why a run stopped at a statement, as the history records it ({@code FAILED}, {@code UNKNOWN}, {@code PARTIAL}). */
	static String stopped(HistoryEvent event, ResolvedMigration migration, String database, boolean rollback,
			int index, int total, String detail, String statement) {
		return switch (event) {
			case PARTIAL -> partial(migration, database, rollback, index, total, detail, statement);
			case UNKNOWN -> unknown(migration, database, rollback, index, total, detail, statement);
			default -> failed(migration, database, rollback, index, total, detail, statement);
		};
	}

	private static String failed(ResolvedMigration migration, String database, boolean rollback, int index, int total,
			String error, String statement) {
		String before = (index == 0) ? "" : (index == 1) ? "statement 1" : "statements 1 to " + index;
		String next = rollback
				? "Fix the cause and run the rollback again: it resumes at rollback statement " + (index + 1)
						+ "; or finish by hand and run repair."
				: "Fix the cause and migrate again: it resumes at statement " + (index + 1)
						+ ((index == 0) ? "." : " if " + before + ((index == 1) ? " is" : " are") + " unchanged.");
		String applied = (index == 0) ? "" : "  " + Character.toUpperCase(before.charAt(0)) + before.substring(1)
				+ ((index == 1) ? " ran and stays" : " ran and stay") + " applied (ClickHouse has no transactions). ";
		return String.format("%s of %s '%s' (%s) failed on database '%s' at statement %d of %d: %s%n  statement: %s%n"
				+ "%s%s", rollback ? "Rollback" : "Migration", migration.key(), migration.description(),
				migration.script(), database, index + 1, total, error, statement, applied, (index == 0) ? "  " + next : next);
	}

	private static String unknown(ResolvedMigration migration, String database, boolean rollback, int index, int total,
			String why, String statement) {
		return String.format("%s of %s '%s' (%s) stopped on database '%s' at statement %d of %d, whose outcome "
				+ "ClickHouse cannot tell: %s%n  statement: %s%n  Check in ClickHouse whether it took effect, then run "
				+ "repair with clickhouse.migrations.outcome=ran (the next run goes on after it) or "
				+ "clickhouse.migrations.outcome=did-not-run (the next run runs it).", rollback ? "Rollback" : "Migration",
				migration.key(), migration.description(), migration.script(), database, index + 1, total, why,
				statement);
	}

	private static String partial(ResolvedMigration migration, String database, boolean rollback, int index, int total,
			String detail, String statement) {
		return String.format("%s of %s '%s' (%s) stopped on database '%s' at statement %d of %d, which failed part "
				+ "way: %s%n  statement: %s", rollback ? "Rollback" : "Migration", migration.key(),
				migration.description(), migration.script(), database, index + 1, total, detail, statement);
	}

	static String unrecorded(ResolvedMigration migration, String database, boolean rollback, int index, String error) {
		return (rollback ? "Rollback" : "Migration") + " of " + migration.key() + " on database '" + database
				+ "': statement " + (index + 1) + " ran, but its history row could not be written (" + error + "). The "
				+ "lock is left to expire, so that the next run asks ClickHouse what ran before it goes on.";
	}

	static void logResume(ResolvedMigration migration, String database, boolean rollback, int startAt, int total) {
		if (startAt > 0) {
			logger.info("Resuming {} of {} '{}' on database '{}' at statement {} of {}",
					rollback ? "rollback" : "migration", migration.key(), migration.description(), database, startAt + 1,
					total);
		}
	}

	static void logStep(ResolvedMigration migration, String database, int index, int total, String label,
			long millis) {
		if (total >= LONG_MIGRATION_STEPS || millis >= SLOW_STEP_MILLIS) {
			logger.info("  {} on database '{}': statement {} of {} done in {} ms: {}", migration.key(), database,
					index + 1, total, millis, label);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("  {} on database '{}': statement {} of {} done in {} ms: {}", migration.key(), database,
					index + 1, total, millis, label);
		}
	}

}
