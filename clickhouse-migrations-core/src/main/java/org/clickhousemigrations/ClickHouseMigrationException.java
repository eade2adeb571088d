package org.clickhousemigrations;

import java.sql.SQLException;

import org.clickhousemigrations.sql.ClickHouseErrors;

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

	/** The database named {@code database} in the configuration could not be connected to. */
	public static ClickHouseMigrationException cannotConnect(String database, SQLException cause) {
		return new ClickHouseMigrationException("Cannot connect to database '" + database + "': "
				+ ClickHouseErrors.describe(cause), cause);
	}

}
