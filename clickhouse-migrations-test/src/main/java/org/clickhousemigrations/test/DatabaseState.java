package org.clickhousemigrations.test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.clickhousemigrations.diff.SchemaReader;
import org.clickhousemigrations.diff.TableSchema;

/**
 * What a database holds after migrations, to compare two runs: every object's definition as
 * ClickHouse shows it ({@link SchemaReader}, the database's own name left out), and the rows of every table
 * that stores data (after {@code FINAL} where merges decide the rows). The library's own history and
 * lock tables, and the inner tables of materialized views, are left out.
 *
 * @param schema each object's {@code CREATE} statement, by name
 * @param rows each table's rows as tab-separated lines, sorted, by name
 */
record DatabaseState(Map<String, String> schema, Map<String, List<String>> rows) {

	private static final Pattern FINAL_ENGINES = Pattern
		.compile("(Replacing|Summing|Aggregating|Collapsing|VersionedCollapsing|Coalescing)MergeTree");

	private static final int MAX_ROWS = 100_000;

	// What the names of the library's own tables (history, lock) start with.
	private static final String OWN_TABLES = "clickhouse_migrations";

	static DatabaseState read(DataSource dataSource, String database, boolean withRows) throws SQLException {
		Map<String, String> schema = new TreeMap<>();
		Map<String, List<String>> rows = new TreeMap<>();
		try (Connection connection = dataSource.getConnection()) {
			for (TableSchema table : SchemaReader.read(connection, database, OWN_TABLES).values()) {
				schema.put(table.name(), table.createQuery());
				if (withRows && storesRows(table.engine())) {
					rows.put(table.name(), rows(connection, database, table.name(), table.engine()));
				}
			}
		}
		return new DatabaseState(schema, rows);
	}

	/** What differs from {@code expected}, one line per object; empty when nothing does. */
	List<String> differences(DatabaseState expected) {
		List<String> differences = new ArrayList<>();
		for (String name : union(expected.schema, this.schema)) {
			String want = expected.schema.get(name);
			String got = this.schema.get(name);
			if (want == null) {
				differences.add(name + " is left behind: " + got);
			}
			else if (got == null) {
				differences.add(name + " is missing: " + want);
			}
			else if (!want.equals(got)) {
				differences.add(name + " differs:\n      expected " + want + "\n      but was  " + got);
			}
		}
		for (String name : union(expected.rows, this.rows)) {
			List<String> want = expected.rows.getOrDefault(name, List.of());
			List<String> got = this.rows.getOrDefault(name, List.of());
			if (!want.equals(got)) {
				differences.add(name + " holds " + got.size() + " rows where the uninterrupted run holds " + want.size()
						+ ": " + sample("extra", minus(got, want)) + sample("missing", minus(want, got)));
			}
		}
		return differences;
	}

	private static boolean storesRows(String engine) {
		return engine.endsWith("MergeTree") || List.of("Memory", "Log", "TinyLog", "StripeLog").contains(engine);
	}

	private static List<String> rows(Connection connection, String database, String table, String engine)
			throws SQLException {
		String name = "`" + database.replace("`", "\\`") + "`.`" + table.replace("`", "\\`") + "`";
		String sql = "SELECT * FROM " + name + (FINAL_ENGINES.matcher(engine).matches() ? " FINAL" : "")
				+ " ORDER BY ALL LIMIT " + MAX_ROWS;
		List<String> rows = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			int columns = result.getMetaData().getColumnCount();
			while (result.next()) {
				StringBuilder row = new StringBuilder();
				for (int i = 1; i <= columns; i++) {
					row.append((i > 1) ? "\t" : "").append(result.getString(i));
				}
				rows.add(row.toString());
			}
		}
		rows.sort(null);
		return rows;
	}

	private static List<String> union(Map<String, ?> a, Map<String, ?> b) {
		TreeMap<String, Object> all = new TreeMap<>(a);
		all.putAll(b);
		return new ArrayList<>(all.keySet());
	}

	private static List<String> minus(List<String> a, List<String> b) {
		List<String> left = new ArrayList<>(a);
		b.forEach(left::remove);
		return left;
	}

	private static String sample(String what, List<String> rows) {
		if (rows.isEmpty()) {
			return "";
		}
		return "\n      " + what + " " + rows.size() + ": " + String.join(" | ", rows.subList(0, Math.min(5, rows.size())))
				+ ((rows.size() > 5) ? " ..." : "");
	}

}
