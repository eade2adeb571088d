package org.clickhousemigrations;

import java.util.List;

import org.clickhousemigrations.diff.SchemaChange;

/**
 * The declared schema of each module compared, in ClickHouse, with the schema its migrations make:
 * what the {@code diff} command prints, and an assertion for tests.
 */
public interface DeclaredSchemas {

	/**
	 * The changes that take what the module's migrations make to what the module declares, compared
	 * in scratch databases on the server of {@code database}; empty when they agree.
	 * @throws ClickHouseMigrationException when the module declares nothing, or a declaration or
	 * migration does not run
	 */
	List<SchemaChange> diff(String database, String module);

	/**
	 * Fails, for a test, when the module's migrations and its declared schema disagree (someone changed
	 * one and forgot the other), listing the statements that close the gap.
	 * @throws AssertionError naming each difference and what to do
	 */
	default void assertMigrationsMakeDeclaredSchema(String database, String module) {
		List<SchemaChange> changes = diff(database, module);
		if (changes.isEmpty()) {
			return;
		}
		StringBuilder message = new StringBuilder("The migrations of module '" + module + "' do not make its declared "
				+ "schema (" + changes.size() + ((changes.size() == 1) ? " difference" : " differences") + "):\n");
		for (SchemaChange change : changes) {
			message.append("  -- ").append(change.object()).append(": ").append(change.change()).append('\n');
			change.forward().forEach((statement) -> message.append("  ").append(statement).append(";\n"));
		}
		message.append("Write the migration with --clickhouse.migrations.command=generate --clickhouse.migrations.target=")
			.append(module).append(" --clickhouse.migrations.from=schema, or change the declaration back.");
		throw new AssertionError(message.toString());
	}

}
