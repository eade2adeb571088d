package org.clickhousemigrations.sql;

import java.io.IOException;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads ClickHouse's error code and message out of driver exceptions. */
public final class ClickHouseErrors {

	private static final Pattern CODE = Pattern.compile("Code: (\\d+)\\. (?:DB::Exception: )?(.*?)(?: \\(version [^)]*\\))?\\s*$",
			Pattern.DOTALL);

	private static final int UNKNOWN_TABLE = 60;

	private static final int UNKNOWN_DATABASE = 81;

	private ClickHouseErrors() {
	}

	/** The ClickHouse error code in the exception or its causes, or 0. */
	public static int code(Throwable ex) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (current instanceof SQLException sql && sql.getErrorCode() > 0) {
				return sql.getErrorCode();
			}
			Matcher matcher = CODE.matcher(String.valueOf(current.getMessage()));
			if (matcher.find()) {
				return Integer.parseInt(matcher.group(1));
			}
		}
		return 0;
	}

	/**
	 * Whether the answer to a request was lost on the way (connection reset or closed, socket
	 * timeout, unreadable answer) rather than given: no ClickHouse error code, and an I/O failure
	 * among the causes. The request may or may not have run.
	 */
	public static boolean isLostAnswer(Throwable ex) {
		if (code(ex) != 0) {
			return false;
		}
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (current instanceof IOException) {
				return true;
			}
		}
		return false;
	}

	public static boolean isUnknownTableOrDatabase(Throwable ex) {
		int code = code(ex);
		return code == UNKNOWN_TABLE || code == UNKNOWN_DATABASE;
	}

	/** "Code 60: Table x doesn't exist", or the plain message when there is no code. */
	public static String describe(Throwable ex) {
		String message = null;
		for (Throwable current = ex; current != null && message == null; current = current.getCause()) {
			Matcher matcher = CODE.matcher(String.valueOf(current.getMessage()));
			if (matcher.find()) {
				message = "ClickHouse error " + matcher.group(1) + ": " + matcher.group(2).strip();
			}
		}
		return (message != null) ? message : String.valueOf(ex.getMessage());
	}

}
