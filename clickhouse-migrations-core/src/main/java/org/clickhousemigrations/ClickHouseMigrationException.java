package org.clickhousemigrations;

/**
 * A migration could not be found, planned, run or recorded. The message names the database,
 * module, version, file or class and statement involved, and what to do about it.
 */
public class ClickHouseMigrationException extends RuntimeException {

	public ClickHouseMigrationException(String message) {
		super(message);
	}

	public ClickHouseMigrationException(String message, Throwable cause) {
		super(message, cause);
	}

}
