package org.clickhousemigrations.diff;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.clickhousemigrations.model.Checksums;
import org.clickhousemigrations.sql.ClickHouseErrors;
import org.clickhousemigrations.sql.Connections;
import org.clickhousemigrations.sql.Identifiers;

/**
 * The schema of a database as the last successful migrate left it: the definition and fingerprint
 * of each object, kept in a table beside the history ({@code <history table>_schema}, in the
 * connection's database), one numbered snapshot per migrate, written with a plain {@code INSERT}.
 * An object whose definition differs from the last snapshot was changed outside migrations.
 */
public final class SchemaSnapshots {

	private final String historyTable;

	/** @param historyTable the name of the history table, which the snapshot table's name extends */
	public SchemaSnapshots(String historyTable) {
		this.historyTable = historyTable;
	}

	/** Keeps the schema of the connection's database as it is now, as the next snapshot. */
	public void remember(Connection connection) throws SQLException {
		Map<String, TableSchema> objects = current(connection);
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS " + name() + " (snapshot UInt64, object String, "
					+ "definition String, fingerprint String, taken_at DateTime64(3, 'UTC') DEFAULT now64(3)) "
					+ "ENGINE = MergeTree ORDER BY (snapshot, object)");
			long snapshot;
			try (ResultSet last = statement.executeQuery("SELECT max(snapshot) FROM " + name())) {
				snapshot = (last.next() ? last.getLong(1) : 0) + 1;
			}
			// An empty database is a snapshot too: one row without an object says so.
			StringBuilder insert = new StringBuilder("INSERT INTO " + name() + " (snapshot, object, definition, "
					+ "fingerprint) VALUES (" + snapshot + ", '', '', '')");
			objects.forEach((object, schema) -> insert.append(", (").append(snapshot).append(", ")
				.append(Identifiers.literal(object)).append(", ").append(Identifiers.literal(schema.createQuery()))
				.append(", ").append(Identifiers.literal(Checksums.of(schema.createQuery()))).append(')'));
			statement.execute(insert.toString());
		}
	}

	/**
	 * What changed in the connection's database since the last snapshot; empty when nothing did,
	 * or when no migrate took a snapshot yet.
	 */
	public List<Drift> drift(Connection connection) throws SQLException {
		Map<String, String> remembered = new TreeMap<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT object, definition FROM " + name()
						+ " WHERE snapshot = (SELECT max(snapshot) FROM " + name() + ") AND object != ''")) {
			while (rows.next()) {
				remembered.put(rows.getString(1), rows.getString(2));
			}
		}
		catch (SQLException ex) {
			if (ClickHouseErrors.isUnknownTableOrDatabase(ex)) {
				return List.of();
			}
			throw ex;
		}
		Map<String, TableSchema> current = current(connection);
		List<Drift> drift = new ArrayList<>();
		remembered.forEach((object, definition) -> {
			TableSchema now = current.get(object);
			if (now == null) {
				drift.add(new Drift(object, "dropped outside migrations"));
			}
			else if (!now.createQuery().equals(definition)) {
				drift.add(new Drift(object, "changed outside migrations: now " + now.createQuery()));
			}
		});
		current.keySet().stream()
			.filter((object) -> !remembered.containsKey(object))
			.forEach((object) -> drift.add(new Drift(object, "created outside migrations")));
		return drift;
	}

	// The objects of the connection's database now, this library's own tables left out.
	private Map<String, TableSchema> current(Connection connection) throws SQLException {
		return SchemaReader.read(connection, Connections.database(connection), this.historyTable);
	}

	private String name() {
		return Identifiers.quote(this.historyTable + "_schema");
	}

}
