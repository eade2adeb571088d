package org.clickhousemigrations;

/** What a history row records. */
public enum HistoryEvent {

	/** All statements ran. */
	APPLIED,

	/** Statements up to {@code statementsDone} ran; the migration is not finished. */
	PROGRESS,

	/** A statement failed after {@code statementsDone} had run. */
	FAILED,

	/** The migration was undone; it is pending again. */
	ROLLED_BACK,

	/** Undoing the migration: rollback steps up to {@code statementsDone} ran; it is not finished. */
	ROLLBACK_PROGRESS,

	/** Undoing the migration failed after {@code statementsDone} rollback steps had run. */
	ROLLBACK_FAILED,

	/** The schema was declared to be at this version without running anything. */
	BASELINE,

	/**
	 * Set by repair: with all statements done, the migration is applied as it is now (checksum
	 * re-aligned); with none, it is forgotten (a failure cleared: pending again, or gone if missing).
	 */
	REPAIRED;

	/** Whether the row belongs to a rollback that did not finish. */
	public boolean isUnfinishedRollback() {
		return this == ROLLBACK_PROGRESS || this == ROLLBACK_FAILED;
	}

}
