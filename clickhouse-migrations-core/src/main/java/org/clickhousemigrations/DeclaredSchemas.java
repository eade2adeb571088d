package org.clickhousemigrations;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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
	 * Writes the next migration of the module: the changes {@link #diff} finds, each with a comment,
	 * then a {@code -- rollback} section that undoes them in reverse order. Statements that drop a
	 * table or a column are written commented out unless {@code allowDrop}.
	 * @param projectDir the project folder: a {@code classpath:} location is written below its
	 * {@code src/main/resources}, a {@code filesystem:} location into itself
	 * @param location the migration location to write into
	 * @return the migration written, or empty when the migrations make the declared schema already
	 */
	Optional<GeneratedMigration> generate(String database, String module, String description, boolean allowDrop,
			Path projectDir, String location);

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
