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

	/** The schema was declared to be at this version without running anything. */
	BASELINE,

	/** An operator declared the migration applied as it is now (failure fixed by hand, checksum re-aligned). */
	REPAIRED

}
