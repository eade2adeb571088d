package org.clickhousemigrations.model;

/** The migration status of one database. */
public enum DatabaseStatus {

	/** Every migration is applied (or baselined, or excluded). */
	UP_TO_DATE,

	/** Some migrations wait to be applied. */
	PENDING,

	/** A migration failed or was interrupted; the next migrate resumes it. */
	FAILED,

	/** The history disagrees with the application (changed or missing migrations); see validate. */
	INVALID,

	/** The database is configured with {@code migrate=false}. */
	DISABLED,

	/** The database or its history could not be read. */
	UNREACHABLE

}
