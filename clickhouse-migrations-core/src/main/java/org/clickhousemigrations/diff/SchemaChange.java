package org.clickhousemigrations.diff;

import java.util.List;

/**
 * One difference between two schemas, and the statements that close it.
 *
 * @param object the table, view or dictionary
 * @param change what differs, in words
 * @param forward the statements that make the current schema the declared one
 * @param rollback the statements that undo them, in the order to run them
 * @param drops whether {@code forward} drops a table or a column (and so data)
 */
public record SchemaChange(String object, String change, List<String> forward, List<String> rollback, boolean drops) {

	public SchemaChange {
		forward = List.copyOf(forward);
		rollback = List.copyOf(rollback);
	}

}
