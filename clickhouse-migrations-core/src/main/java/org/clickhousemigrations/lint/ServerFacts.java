package org.clickhousemigrations.lint;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What lint asks the ClickHouse a migration will run on, by read-only queries only. Every answer is
 * about the server as it is now, before the migrations being checked.
 */
interface ServerFacts {

	/** The database unqualified names are in. */
	String currentDatabase();

	/** Whether {@code database} is of engine {@code Replicated}. */
	boolean isReplicatedDatabase(String database);

	/** ClickHouse's own message for each statement it cannot parse, by statement; empty when it parses all. */
	Map<String, String> parseErrors(List<String> statements);

	/** The table's engine, e.g. {@code MergeTree}, {@code MaterializedView}; empty when it does not exist. */
	Optional<String> engine(String database, String table);

	/** The rows and bytes of the table's active parts; empty when it does not exist or holds none. */
	Optional<Size> size(String database, String table);

	/** Mutations of the table that are not done. */
	int unfinishedMutations(String database, String table);

	/** The type of a column; empty when the table or the column does not exist. */
	Optional<String> columnType(String database, String table, String column);

	/** The table's TTL expression as ClickHouse shows it (e.g. {@code at + toIntervalDay(90)}); empty when none. */
	Optional<String> ttl(String database, String table);

	/** The views (plain and materialized) of {@code database}, each with the query it runs. */
	List<View> views(String database);

	/**
	 * The size of a table.
	 *
	 * @param rows its rows
	 * @param bytes its bytes on disk
	 */
	record Size(long rows, long bytes) {
	}

	/**
	 * A view.
	 *
	 * @param name the view
	 * @param query the {@code SELECT} it runs
	 */
	record View(String name, String query) {
	}

}
