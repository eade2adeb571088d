package org.clickhousemigrations.model;

/** What a person who checked ClickHouse says of a statement whose outcome the history does not know. */
public enum StatementOutcome {

	/** It took effect: the next run goes on after it. */
	RAN,

	/** It did not take effect: the next run runs it. */
	DID_NOT_RUN

}
