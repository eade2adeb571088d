package org.clickhousemigrations.diff;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
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

	private static final DateTimeFormatter TAKEN_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
		.withZone(ZoneOffset.UTC);

	private final String historyTable;

	/** @param historyTable the name of the history table, which the snapshot table's name extends */
	public SchemaSnapshots(String historyTable) {
		this.historyTable = historyTable;
	}

	/** Keeps the schema of the connection's database as it is now, as the next snapshot, and returns it. */
	public RememberedSchema remember(Connection connection) throws SQLException {
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
			Instant takenAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
			String values = snapshot + ", " + Identifiers.literal(TAKEN_AT.format(takenAt));
			StringBuilder insert = new StringBuilder("INSERT INTO " + name() + " (snapshot, taken_at, object, "
					+ "definition, fingerprint) VALUES (" + values + ", '', '', '')");
			Map<String, String> fingerprints = new TreeMap<>();
			objects.forEach((object, schema) -> {
				fingerprints.put(object, Checksums.of(schema.createQuery()));
				insert.append(", (").append(values).append(", ").append(Identifiers.literal(object)).append(", ")
					.append(Identifiers.literal(schema.createQuery())).append(", ")
					.append(Identifiers.literal(fingerprints.get(object))).append(')');
			});
			statement.execute(insert.toString());
			return new RememberedSchema(snapshot, takenAt, fingerprints, List.of());
		}
	}

	/**
	 * The last snapshot, and with {@code tellDrift} what changed in the connection's database since;
	 * {@link RememberedSchema#NONE} when no migrate took a snapshot yet.
	 */
	public RememberedSchema read(Connection connection, boolean tellDrift) throws SQLException {
		Map<String, String> remembered = new TreeMap<>();
		Map<String, String> fingerprints = new TreeMap<>();
		long snapshot = 0;
		Instant takenAt = null;
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT snapshot, toUnixTimestamp64Milli(taken_at), object, "
						+ "definition, fingerprint FROM " + name() + " WHERE snapshot = (SELECT max(snapshot) FROM "
						+ name() + ")")) {
			while (rows.next()) {
				snapshot = rows.getLong(1);
				takenAt = Instant.ofEpochMilli(rows.getLong(2));
				if (!rows.getString(3).isEmpty()) {
					remembered.put(rows.getString(3), rows.getString(4));
					fingerprints.put(rows.getString(3), rows.getString(5));
				}
			}
		}
		catch (SQLException ex) {
			if (ClickHouseErrors.isUnknownTableOrDatabase(ex)) {
				return RememberedSchema.NONE;
			}
			throw ex;
		}
		if (snapshot == 0) {
			return RememberedSchema.NONE;
		}
		if (!tellDrift) {
			return new RememberedSchema(snapshot, takenAt, fingerprints, List.of());
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
		return new RememberedSchema(snapshot, takenAt, fingerprints, drift);
	}

	// The objects of the connection's database now, this library's own tables left out.
	private Map<String, TableSchema> current(Connection connection) throws SQLException {
		return SchemaReader.read(connection, Connections.database(connection), this.historyTable);
	}

	private String name() {
		return Identifiers.quote(this.historyTable + "_schema");
	}

}
