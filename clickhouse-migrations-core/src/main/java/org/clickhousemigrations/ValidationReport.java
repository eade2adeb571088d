package org.clickhousemigrations;

import java.util.List;

/**
 * What {@code validate} found: every disagreement between the application and the histories,
 * each with its fix.
 *
 * @param problems empty when everything agrees
 */
public record ValidationReport(List<Problem> problems) {

	public boolean isValid() {
		return this.problems.isEmpty();
	}

	/** The kinds of problem. */
	public enum Kind {

		/** Applied, then changed. */
		CHECKSUM_MISMATCH,

		/** Applied, no longer in the application. */
		MISSING,

		/** Failed or interrupted. */
		FAILED,

		/** Pending with a version below one already applied in its module. */
		OUT_OF_ORDER,

		/** The history holds a row that cannot be read. */
		INVALID_HISTORY,

		/** An object was changed outside migrations since the last migrate. */
		DRIFT,

		/** Lint found an error in a pending migration. */
		LINT,

		/** The history could not be read. */
		UNREACHABLE

	}

	/**
	 * One problem.
	 *
	 * @param database the configured database
	 * @param migration the migration ({@code module:version}), or {@code null} for the database itself
	 * @param script the file or class, if known
	 * @param kind what is wrong
	 * @param message what is wrong, in words
	 * @param fix what to do about it
	 */
	public record Problem(String database, String migration, String script, Kind kind, String message, String fix) {
	}

}
