package org.clickhousemigrations.history;

import org.clickhousemigrations.ClickHouseMigrationException;

/** The history holds a row that cannot be read; the message names it. */
public class InvalidHistoryException extends ClickHouseMigrationException {

	public InvalidHistoryException(String message, Throwable cause) {
		super(message, cause);
	}

}
