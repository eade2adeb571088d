package org.clickhousemigrations.execute;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.clickhousemigrations.sql.Identifiers;
import org.clickhousemigrations.sql.StatementTarget;
import org.clickhousemigrations.sql.TableEngines;

/**
 * A table of a live copy, as the statement names it, and what ClickHouse's system tables say of it.
 *
 * @param database its database, or {@code null} for the connection's
 * @param table its name
 */
record LiveTable(String database, String table) {

	/** The setting that makes a MergeTree table keep each row's insert block number through merges. */
	static final String BLOCK_NUMBERS = "enable_block_number_column";

	// Engines whose merges fold rows together: their row counts change as they merge.
	private static final Pattern FOLDING = Pattern.compile("(?:Replacing|Summing|Aggregating|Collapsing|"
			+ "VersionedCollapsing|Graphite|Coalescing)MergeTree");

	/** The table {@code first} or {@code first.second}, as a statement writes them (quoted or not). */
	static LiveTable of(String first, String second) {
		return (second != null) ? new LiveTable(StatementTarget.unquote(first), StatementTarget.unquote(second))
				: new LiveTable(null, StatementTarget.unquote(first));
	}

	/** The name as logs show it. */
	String name() {
		return (this.database != null) ? this.database + "." + this.table : this.table;
	}

	/** The name as SQL writes it, quoted. */
	String sql() {
		return (this.database != null) ? quoted(this.database) + "." + quoted(this.table) : quoted(this.table);
	}

	// Its rows in system.tables, system.columns, system.parts.
	String where() {
		return "database = " + ((this.database != null) ? Identifiers.literal(this.database) : "currentDatabase()")
				+ " AND table = " + Identifiers.literal(this.table);
	}

	// The columns both tables have that the new one takes in an INSERT, in its order, quoted, each
	// with its type in the old table.
	static Map<String, String> columns(Connection connection, LiveTable older, LiveTable newer) throws SQLException {
		Map<String, String> columns = new LinkedHashMap<>();
		try (Statement query = connection.createStatement();
				ResultSet rows = query.executeQuery("SELECT n.name, o.type FROM (SELECT name, position FROM "
						+ "system.columns WHERE " + newer.where() + " AND default_kind IN ('', 'DEFAULT')) AS n INNER JOIN "
						+ "(SELECT name, type FROM system.columns WHERE " + older.where() + " AND default_kind != 'ALIAS') "
						+ "AS o ON n.name = o.name ORDER BY n.position")) {
			while (rows.next()) {
				columns.put(quoted(rows.getString(1)), rows.getString(2));
			}
		}
		if (columns.isEmpty()) {
			throw new IllegalStateException(older.name() + " and " + newer.name() + " have no column in common");
		}
		return columns;
	}

	/** Refuses tables a live copy cannot copy or fill, saying what to do instead. */
	static void checkEngines(Connection connection, LiveTable older, LiveTable newer) throws SQLException {
		String olderEngine = older.engine(connection);
		String newerEngine = newer.engine(connection);
		if (!TableEngines.copiesLive(olderEngine)) {
			throw new IllegalStateException(older.name() + " is " + olderEngine + ": a live copy reads a MergeTree "
					+ "table of one server by block number; for " + olderEngine + " pause the inserts and copy with "
					+ "INSERT ... SELECT, then EXCHANGE TABLES");
		}
		if (!TableEngines.copiesLive(newerEngine)) {
			throw new IllegalStateException(newer.name() + " is " + newerEngine + ": a live copy moves partitions into "
					+ "a MergeTree table of one server");
		}
	}

	/** Its engine, as {@code system.tables} names it. */
	String engine(Connection connection) throws SQLException {
		String engine = text(connection, "SELECT engine FROM system.tables WHERE " + where());
		if (engine.isEmpty()) {
			throw new IllegalStateException("table " + name() + " does not exist: the live copy exchanges two "
					+ "tables that exist");
		}
		return engine;
	}

	/** Whether its engine folds rows together as it merges, so that its row count changes. */
	boolean folds(Connection connection) throws SQLException {
		return FOLDING.matcher(engine(connection)).find();
	}

	/** Whether it keeps each row's insert block number. */
	boolean keepsBlockNumbers(Connection connection) throws SQLException {
		return text(connection, "SELECT engine_full FROM system.tables WHERE " + where())
			.matches("(?s).*\\b" + BLOCK_NUMBERS + " = (1|true)\\b.*");
	}

	// The number the query answers, 0 when it answers no row.
	static long count(Connection connection, String sql) throws SQLException {
		String value = text(connection, sql);
		return value.isEmpty() ? 0 : Long.parseLong(value);
	}

	// The first row, its columns joined by tabs; empty when there is none.
	static String text(Connection connection, String sql) throws SQLException {
		try (Statement query = connection.createStatement(); ResultSet rows = query.executeQuery(sql)) {
			if (!rows.next()) {
				return "";
			}
			int columns = rows.getMetaData().getColumnCount();
			StringBuilder text = new StringBuilder(String.valueOf(rows.getString(1)));
			for (int column = 2; column <= columns; column++) {
				text.append('\t').append(rows.getString(column));
			}
			return text.toString();
		}
	}

	// One name in backticks (a column's name may hold a dot).
	static String quoted(String name) {
		return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
	}

}
