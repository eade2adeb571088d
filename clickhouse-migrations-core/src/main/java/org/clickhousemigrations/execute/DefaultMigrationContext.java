package org.clickhousemigrations.execute;

import org.clickhousemigrations.MigrationContext;
import org.clickhousemigrations.sql.Placeholders;

import org.springframework.jdbc.core.JdbcTemplate;

/** The {@link MigrationContext} of one migration on one database. */
record DefaultMigrationContext(JdbcTemplate jdbc, String database, String module, Placeholders placeholders)
		implements MigrationContext {

	@Override
	public String placeholder(String name) {
		return this.placeholders.get(name);
	}

}
