package org.clickhousemigrations.sql;

/** What a table's engine allows the library to do with it. */
public final class TableEngines {

	private TableEngines() {
	}

	/**
	 * Whether a table of this engine can be copied while it takes inserts ({@code -- copy: live}):
	 * a MergeTree family engine of one server, whose block numbers grow in the order parts are
	 * committed and whose partitions move between tables.
	 * @param engine the engine's name, as {@code system.tables} shows it
	 */
	public static boolean copiesLive(String engine) {
		return engine.endsWith("MergeTree") && !engine.startsWith("Replicated") && !engine.startsWith("Shared");
	}

}
