package org.clickhousemigrations.fake;

import java.util.Arrays;
import java.util.List;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.model.MigrationKey;
import org.clickhousemigrations.model.MigrationType;
import org.clickhousemigrations.resolve.SqlScript;

/** Migrations written as SQL text, for tests without a database. */
public final class Migrations {

	private Migrations() {
	}

	/**
	 * A migration {@code key} (e.g. {@code a:1}) of the given statements; a {@code -- rollback} line
	 * among them starts the rollback statements.
	 */
	public static ResolvedMigration sql(String key, String... lines) {
		String text = String.join("\n", Arrays.stream(lines).map((line) -> line.startsWith("--") ? line : line + ";")
			.toList());
		SqlScript script = SqlScript.parse(text);
		List<MigrationStep> rollback = (script.rollback() != null)
				? script.rollback().stream().map((statement) -> MigrationStep.sql(statement.sql())).toList() : null;
		return new ResolvedMigration(MigrationKey.parse(key), "m " + key, MigrationType.SQL, key + ".sql",
				"sum-" + text.hashCode(), List.of(), script.forward().stream()
					.map((statement) -> MigrationStep.sql(statement.sql(), statement.settings(), statement.line())).toList(),
				rollback, (rollback != null) ? null : "no rollback");
	}

}
