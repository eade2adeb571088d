package org.clickhousemigrations.diff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.clickhousemigrations.diff.TableSchema.ColumnSchema;
import org.clickhousemigrations.diff.TableSchema.IndexSchema;

/**
 * Reads the objects of one database from {@code system.tables}, {@code system.columns},
 * {@code system.data_skipping_indices} and {@code system.projections}: types, defaults, codecs
 * and comments as ClickHouse spells them, so that no equivalence table is needed.
 */
public final class SchemaReader {

	private static final Pattern TTL_AND_SETTINGS = Pattern.compile("(?s)(.*?)(?: TTL (.*?))?(?: SETTINGS (.*))?");

	private SchemaReader() {
	}

	/**
	 * The objects of {@code database}, by name.
	 * @param ownTables what the names of this library's own tables (history, lock, snapshots) start
	 * with, to leave them out: the history table's name
	 */
	public static Map<String, TableSchema> read(Connection connection, String database, String ownTables)
			throws SQLException {
		Map<String, List<ColumnSchema>> columns = columns(connection, database);
		Map<String, List<IndexSchema>> indices = indices(connection, database);
		Map<String, Map<String, String>> projections = projections(connection, database);
		Map<String, TableSchema> tables = new TreeMap<>();
		try (PreparedStatement query = connection.prepareStatement("SELECT name, engine, engine_full, comment, "
				+ "as_select, create_table_query FROM system.tables WHERE database = ? AND NOT is_temporary "
				+ "AND NOT startsWith(name, ?) AND NOT startsWith(name, '.inner')")) {
			query.setString(1, database);
			query.setString(2, ownTables);
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					String name = rows.getString(1);
					Matcher engine = TTL_AND_SETTINGS.matcher(rows.getString(3));
					engine.matches();
					tables.put(name, new TableSchema(name, rows.getString(2), engine.group(1),
							(engine.group(2) != null) ? engine.group(2) : "", settings(engine.group(3)),
							rows.getString(4), local(rows.getString(5), database), local(rows.getString(6), database),
							columns.getOrDefault(name, List.of()), indices.getOrDefault(name, List.of()),
							projections.getOrDefault(name, Map.of())));
				}
			}
		}
		return tables;
	}

	private static Map<String, List<ColumnSchema>> columns(Connection connection, String database) throws SQLException {
		Map<String, List<ColumnSchema>> columns = new LinkedHashMap<>();
		try (PreparedStatement query = connection.prepareStatement("SELECT table, name, type, default_kind, "
				+ "default_expression, compression_codec, comment FROM system.columns WHERE database = ? "
				+ "ORDER BY table, position")) {
			query.setString(1, database);
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					columns.computeIfAbsent(rows.getString(1), (table) -> new ArrayList<>())
						.add(new ColumnSchema(rows.getString(2), rows.getString(3), rows.getString(4),
								local(rows.getString(5), database), rows.getString(6), rows.getString(7)));
				}
			}
		}
		return columns;
	}

	private static Map<String, List<IndexSchema>> indices(Connection connection, String database) throws SQLException {
		Map<String, List<IndexSchema>> indices = new LinkedHashMap<>();
		try (PreparedStatement query = connection.prepareStatement("SELECT table, name, expr, type_full, granularity "
				+ "FROM system.data_skipping_indices WHERE database = ? ORDER BY table, name")) {
			query.setString(1, database);
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					indices.computeIfAbsent(rows.getString(1), (table) -> new ArrayList<>())
						.add(new IndexSchema(rows.getString(2), rows.getString(3), rows.getString(4), rows.getLong(5)));
				}
			}
		}
		return indices;
	}

	private static Map<String, Map<String, String>> projections(Connection connection, String database)
			throws SQLException {
		Map<String, Map<String, String>> projections = new LinkedHashMap<>();
		try (PreparedStatement query = connection.prepareStatement(
				"SELECT table, name, query FROM system.projections WHERE database = ? ORDER BY table, name")) {
			query.setString(1, database);
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					projections.computeIfAbsent(rows.getString(1), (table) -> new TreeMap<>())
						.put(rows.getString(2), rows.getString(3));
				}
			}
		}
		return projections;
	}

	// "index_granularity = 1024, ttl_only_drop_parts = 1" as a map.
	static Map<String, String> settings(String text) {
		Map<String, String> settings = new TreeMap<>();
		if (text != null) {
			for (String setting : text.split(",\\s*(?=\\w+\\s*=)")) {
				int equals = setting.indexOf('=');
				if (equals > 0) {
					settings.put(setting.substring(0, equals).strip(), setting.substring(equals + 1).strip());
				}
			}
		}
		return settings;
	}

	// Queries name the database of their tables; two databases compare only without it.
	private static String local(String sql, String database) {
		return sql.replace("`" + database + "`.", "").replace(database + ".", "");
	}

}
