package org.clickhousemigrations.execute;

import java.util.Map;

/**
 * What ClickHouse knows of a statement whose answer was lost or was an error, or that an earlier
 * run left unfinished.
 *
 * @param kind what became of it
 * @param lastAttempt the highest attempt ClickHouse saw, 0 if none
 * @param detail the error of a failed statement, what it left behind, or why ClickHouse cannot tell
 * @param javaWrites of a Java step, the writes that finished in an earlier attempt, by their number
 * in the step (from 1), each with the checksum of its text: a replay skips them
 */
public record Verdict(Kind kind, int lastAttempt, String detail, Map<Integer, String> javaWrites) {

	public Verdict {
		javaWrites = Map.copyOf(javaWrites);
	}

	public Verdict(Kind kind, int lastAttempt, String detail) {
		this(kind, lastAttempt, detail, Map.of());
	}

	/** What became of the statement. */
	public enum Kind {

		/** It ran to the end (a mutation it created included): record it as done. */
		FINISHED,

		/**
		 * It failed and left nothing behind: it may run again. Of a Java step: it stopped part way,
		 * and runs again with {@link #javaWrites()} skipped.
		 */
		FAILED,

		/** It never started: run it. */
		NOT_STARTED,

		/** It failed after writing rows, which ClickHouse keeps: running it again would write them twice. */
		PARTIAL,

		/** It created a mutation that ClickHouse keeps retrying and that keeps failing: never send it again. */
		STUCK,

		/** ClickHouse cannot tell (no query log, no privilege, a mutation killed half way). */
		UNKNOWN

	}

	/** Nothing is known yet: the statement has not been tried in this run. */
	public static final Verdict NONE = new Verdict(Kind.NOT_STARTED, 0, "");

	public static Verdict finished(int attempt) {
		return new Verdict(Kind.FINISHED, attempt, "");
	}

	public static Verdict notStarted() {
		return NONE;
	}

	public static Verdict unknown(String why) {
		return new Verdict(Kind.UNKNOWN, 0, why);
	}

	/** The same outcome, of attempt {@code attempt} at the latest. */
	Verdict withLastAttempt(int attempt) {
		return new Verdict(this.kind, Math.max(attempt, this.lastAttempt), this.detail, this.javaWrites);
	}

}
