package org.clickhousemigrations.diff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The text of an SQL migration that closes the gap a {@link SchemaDiff} found: each change with a
 * comment that says what it is, then a {@code -- rollback} section that undoes the changes in
 * reverse order. A change that drops a table or a column is written commented out, with a
 * warning, unless drops are allowed: a schema declaration never drops data by itself.
 */
public final class SchemaMigration {

	private SchemaMigration() {
	}

	/**
	 * @param description what the migration does, in words
	 * @param module the module whose declared schema it follows
	 * @param allowDrop whether statements that drop data are written as statements
	 */
	public static String render(String description, String module, List<SchemaChange> changes, boolean allowDrop) {
		StringBuilder text = new StringBuilder("-- ").append(description.strip()).append('\n')
			.append("-- Generated from the declared schema of module '").append(module)
			.append("' (clickhouse-migrations generate --from=schema). Review it before it runs.\n");
		for (SchemaChange change : changes) {
			text.append("\n-- ").append(change.object()).append(": ").append(change.change()).append('\n');
			boolean commented = change.drops() && !allowDrop;
			if (commented) {
				text.append("-- WARNING: this drops data. Uncomment it once reviewed, or generate again with "
						+ "--clickhouse.migrations.allow-drop=true.\n");
			}
			change.forward().forEach((statement) -> text.append(commented ? "-- " : "")
				.append(statement.replace("\n", commented ? "\n-- " : "\n")).append(";\n"));
		}
		text.append("\n-- rollback\n");
		List<SchemaChange> reversed = new ArrayList<>(changes);
		Collections.reverse(reversed);
		for (SchemaChange change : reversed) {
			boolean commented = change.drops() && !allowDrop;
			change.rollback().forEach((statement) -> text.append(commented ? "-- " : "")
				.append(statement.replace("\n", commented ? "\n-- " : "\n")).append(";\n"));
		}
		return text.toString();
	}

}
