package org.clickhousemigrations.model;

/** How a migration is written. */
public enum MigrationType {

	/** A {@code V<version>__<description>.sql} file. */
	SQL,

	/** A class implementing {@link ClickHouseMigration}. */
	JAVA

}
