package org.clickhousemigrations.model;

/** What a history row records. */
public enum HistoryEvent {

	/** All statements ran. */
	APPLIED,

	/** Statements up to {@code statementsDone} ran; the migration is not finished. */
	PROGRESS,

	/** A statement failed after {@code statementsDone} had run. */
	FAILED,

	/**
	 * Statements up to {@code statementsDone} ran; whether the next one did, ClickHouse could not
	 * tell (its answer was lost and the query log cannot say). Repair settles it.
	 */
	UNKNOWN,

	/**
	 * Statements up to {@code statementsDone} ran; the next one failed after writing rows, which
	 * ClickHouse keeps. Running it again would write them twice: repair settles it.
	 */
	PARTIAL,

	/** The migration was undone; it is pending again. */
	ROLLED_BACK,

	/** Undoing the migration: rollback steps up to {@code statementsDone} ran; it is not finished. */
	ROLLBACK_PROGRESS,

	/** Undoing the migration failed after {@code statementsDone} rollback steps had run. */
	ROLLBACK_FAILED,

	/** Undoing the migration: whether rollback step {@code statementsDone + 1} ran is not known. */
	ROLLBACK_UNKNOWN,

	/** The schema was declared to be at this version without running anything. */
	BASELINE,

	/** Applied by another tool, whose history was imported (with the checksum of the file then). */
	IMPORTED,

	/** Set by repair: the migration is applied as it is now, its changed checksum accepted. */
	REALIGNED,

	/**
	 * Set by repair: the migration is forgotten, as if never recorded (a failure cleared, so it is
	 * pending again; or a missing migration removed from the history).
	 */
	CLEARED;

	/**
	 * The event of a stored row. Rows of the first version say {@code REPAIRED} for both repairs,
	 * told apart by their progress: all statements done means {@link #REALIGNED}.
	 */
	public static HistoryEvent read(String stored, int statementsDone, int statementsTotal) {
		if ("REPAIRED".equals(stored)) {
			return (statementsDone < statementsTotal) ? CLEARED : REALIGNED;
		}
		return valueOf(stored);
	}

	/** Whether the row belongs to a rollback that did not finish. */
	public boolean isUnfinishedRollback() {
		return this == ROLLBACK_PROGRESS || this == ROLLBACK_FAILED || this == ROLLBACK_UNKNOWN;
	}

	/**
	 * Whether the row says that the outcome of the statement after {@code statementsDone} is not
	 * known, or known to be partial: a person settles it with repair before anything runs.
	 */
	public boolean isOutcomeUnknown() {
		return this == UNKNOWN || this == ROLLBACK_UNKNOWN || this == PARTIAL;
	}

}
