package org.clickhousemigrations.execute;

import org.clickhousemigrations.ClickHouseMigrationException;

/**
 * A run stopped at a statement that may or may not have taken effect, and ClickHouse cannot tell
 * which. When even the history row that says so could not be written, the lock must not be
 * released as if all was recorded: the next holder has to find out for itself.
 */
public class OutcomeUnknownException extends ClickHouseMigrationException {

	private final boolean recorded;

	public OutcomeUnknownException(String message, Throwable cause, boolean recorded) {
		super(message, cause);
		this.recorded = recorded;
	}

	/** Whether the history says that the statement's outcome is unknown. */
	public boolean recorded() {
		return this.recorded;
	}

}
