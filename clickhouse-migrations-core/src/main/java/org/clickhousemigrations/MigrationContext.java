package org.clickhousemigrations;

import org.springframework.jdbc.core.JdbcTemplate;

/** What a {@link JavaStep} may use while it runs. */
public interface MigrationContext {

	/** A {@link JdbcTemplate} on the connection of the migration. */
	JdbcTemplate jdbc();

	/** The configured name of the database being migrated (not the ClickHouse database name). */
	String database();

	/** The module of the migration. */
	String module();

	/**
	 * The value of a placeholder, built-in ({@code database}, {@code cluster}, {@code on_cluster}) or
	 * configured.
	 * @throws IllegalArgumentException if there is no such placeholder
	 */
	String placeholder(String name);

}
