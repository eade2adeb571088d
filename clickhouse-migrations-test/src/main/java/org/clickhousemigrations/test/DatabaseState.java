package org.clickhousemigrations.test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * What a database holds after migrations, to compare two runs: every object's definition as
 * ClickHouse shows it (the database's own name written {@code <db>}), and the rows of every table
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

	static DatabaseState read(DataSource dataSource, String database, boolean withRows) throws SQLException {
		Map<String, String> schema = new TreeMap<>();
		Map<String, String> engines = new HashMap<>();
		try (Connection connection = dataSource.getConnection()) {
			try (PreparedStatement statement = connection.prepareStatement("SELECT name, engine, create_table_query "
					+ "FROM system.tables WHERE database = ? AND NOT startsWith(name, '.inner') "
					+ "AND NOT startsWith(name, 'clickhouse_migrations') ORDER BY name")) {
				statement.setString(1, database);
				try (ResultSet result = statement.executeQuery()) {
					while (result.next()) {
						schema.put(result.getString(1), result.getString(3).replace(database + ".", "<db>.")
							.replace("`" + database + "`.", "<db>."));
						engines.put(result.getString(1), result.getString(2));
					}
				}
			}
			Map<String, List<String>> rows = new TreeMap<>();
			if (withRows) {
				for (Map.Entry<String, String> table : engines.entrySet()) {
					if (storesRows(table.getValue())) {
						rows.put(table.getKey(), rows(connection, database, table.getKey(), table.getValue()));
					}
				}
			}
			return new DatabaseState(schema, rows);
		}
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
