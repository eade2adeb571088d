package org.clickhousemigrations.execute;

import org.clickhousemigrations.ClickHouseMigrationException;

/**
 * A run stopped where the history may not show what ran: at a statement whose outcome ClickHouse
 * cannot tell, or after a statement whose history row could not be written. Unless a row says so
 * ({@link #recorded()}), the lock must not be released as if all was recorded: the next holder has
 * to find out for itself.
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
