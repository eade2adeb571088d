package org.clickhousemigrations.execute;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One row of {@code system.query_log} of a statement identity: an attempt of a SQL statement, or
 * a read, a write or the end marker of a Java step.
 *
 * @param queryId its query id
 * @param type {@code QueryStart}, {@code QueryFinish}, {@code ExceptionBeforeStart} or {@code ExceptionWhileProcessing}
 * @param exception ClickHouse's error, empty unless it failed
 * @param writtenRows the rows it wrote (a failed INSERT keeps the blocks it wrote)
 * @param query its text
 * @param startSeconds when it started, in seconds since the epoch
 * @param endSeconds when the row was logged, in seconds since the epoch
 */
record LoggedQuery(String queryId, String type, String exception, long writtenRows, String query, long startSeconds,
		long endSeconds) {

	private static final Pattern JAVA_WRITE = Pattern.compile("_w(\\d+)_(\\w+)$");

	boolean finished() {
		return this.type.equals("QueryFinish");
	}

	boolean failed() {
		return this.type.startsWith("Exception");
	}

	/** The attempt, the number after the identity's prefix. */
	int attempt(StatementId id) {
		String rest = this.queryId.substring(id.prefix().length());
		int end = 0;
		while (end < rest.length() && Character.isDigit(rest.charAt(end))) {
			end++;
		}
		return (end > 0) ? Integer.parseInt(rest.substring(0, end)) : 0;
	}

	/** Whether this is the statement itself, not a read, write or marker of a Java step. */
	boolean isStatement(StatementId id) {
		return this.queryId.equals(id.attempt(attempt(id)).queryId());
	}

	boolean isJavaDone() {
		return this.queryId.endsWith("_done");
	}

	/** The number of the Java step's write this is, or 0. */
	int javaWrite() {
		Matcher matcher = JAVA_WRITE.matcher(this.queryId);
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
	}

	/** The checksum of the Java write's text, from its query id. */
	String javaWriteChecksum() {
		Matcher matcher = JAVA_WRITE.matcher(this.queryId);
		return matcher.find() ? matcher.group(2) : "";
	}

}
