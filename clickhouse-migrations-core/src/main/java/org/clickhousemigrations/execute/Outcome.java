package org.clickhousemigrations.execute;

/**
 * What ClickHouse knows of a statement whose answer never came back.
 *
 * @param kind what became of it
 * @param lastAttempt the highest attempt ClickHouse saw, 0 if none
 * @param detail the error of a failed statement, or why ClickHouse cannot tell
 */
public record Outcome(Kind kind, int lastAttempt, String detail) {

	/** What became of the statement. */
	public enum Kind {

		/** It ran to the end: record it as done. */
		FINISHED,

		/** It ran and failed: it changed nothing, run it again. */
		FAILED,

		/** It never started: run it. */
		NOT_STARTED,

		/** ClickHouse cannot tell (no query log, no privilege, or a Java step stopped half way). */
		UNKNOWN

	}

	public static Outcome finished(int attempt) {
		return new Outcome(Kind.FINISHED, attempt, "");
	}

	public static Outcome notStarted() {
		return new Outcome(Kind.NOT_STARTED, 0, "");
	}

	public static Outcome unknown(String why) {
		return new Outcome(Kind.UNKNOWN, 0, why);
	}

}
