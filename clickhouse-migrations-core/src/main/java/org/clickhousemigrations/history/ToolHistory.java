package org.clickhousemigrations.history;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.sql.ClickHouseErrors;
import org.clickhousemigrations.sql.Connections;

/**
 * What another migration tool recorded as applied in the history table it keeps in a database,
 * read to adopt that history without running anything again.
 *
 * @param tool the tool
 * @param applied what it applied, oldest first: version numbers, or file names for Liquibase
 * @param upTo for golang-migrate, which keeps only its current version: every version up to it is
 * applied; {@code null} for the others
 * @param baseline the version Flyway was baselined at; {@code null} for none
 * @param problems failed or dirty migrations, which stop an import
 */
public record ToolHistory(Tool tool, List<String> applied, String upTo, String baseline, List<String> problems) {

	/** The tools whose history can be read, with their history tables. */
	public enum Tool {

		FLYWAY("flyway", "flyway_schema_history"), GOLANG_MIGRATE("golang-migrate", "schema_migrations"),
		GOOSE("goose", "goose_db_version"), DBMATE("dbmate", "schema_migrations"),
		LIQUIBASE("liquibase", "DATABASECHANGELOG");

		private final String id;

		private final String table;

		Tool(String id, String table) {
			this.id = id;
			this.table = table;
		}

		public String id() {
			return this.id;
		}

		public String table() {
			return this.table;
		}

		/** @throws IllegalArgumentException naming the tools there are */
		public static Tool of(String id) {
			return Arrays.stream(values())
				.filter((tool) -> tool.id.equalsIgnoreCase(id))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("there is no tool '" + id + "' to import from; use one of "
						+ Arrays.stream(values()).map(Tool::id).toList()));
		}

	}

	/**
	 * Reads the tool's history table in the connection's database.
	 * @throws ClickHouseMigrationException when the table is not there or cannot be read
	 */
	public static ToolHistory read(Connection connection, Tool tool) {
		try (Statement statement = connection.createStatement()) {
			return switch (tool) {
				case FLYWAY -> flyway(statement);
				case GOLANG_MIGRATE -> golangMigrate(statement);
				case GOOSE -> versions(tool, statement, "SELECT toString(version_id), argMax(is_applied, tstamp) FROM "
						+ "goose_db_version WHERE version_id > 0 GROUP BY version_id ORDER BY version_id");
				case DBMATE -> versions(tool, statement, "SELECT version, argMax(applied, ts) FROM schema_migrations "
						+ "GROUP BY version ORDER BY toUInt64OrZero(version), version");
				case LIQUIBASE -> liquibase(statement);
			};
		}
		catch (SQLException ex) {
			String database = database(connection);
			throw new ClickHouseMigrationException("Cannot read the history of " + tool.id + " in database '" + database
					+ "' (table " + tool.table + "): " + ClickHouseErrors.describe(ex) + ". Is this the database "
					+ tool.id + " migrated, and is the table of that name?", ex);
		}
	}

	// Each row is an attempt, in order; a failed one stops the import, an undo takes its version back.
	private static ToolHistory flyway(Statement statement) throws SQLException {
		Set<String> applied = new LinkedHashSet<>();
		List<String> problems = new ArrayList<>();
		String baseline = null;
		try (ResultSet rows = statement.executeQuery("SELECT ifNull(version, ''), type, toUInt8(success), script "
				+ "FROM flyway_schema_history ORDER BY installed_rank")) {
			while (rows.next()) {
				String version = rows.getString(1);
				String type = rows.getString(2).toUpperCase(Locale.ROOT);
				if (rows.getInt(3) == 0) {
					problems.add("version " + version + " (" + rows.getString(4) + ") failed");
				}
				else if (type.contains("BASELINE")) {
					baseline = version;
				}
				else if (type.startsWith("UNDO") || type.equals("DELETE")) {
					applied.remove(version);
				}
				else if (!version.isEmpty()) {
					applied.add(version);
				}
			}
		}
		return new ToolHistory(Tool.FLYWAY, List.copyOf(applied), null, baseline, problems);
	}

	// golang-migrate keeps its current version, and whether it is dirty (a migration stopped half way).
	private static ToolHistory golangMigrate(Statement statement) throws SQLException {
		try (ResultSet rows = statement.executeQuery("SELECT toString(version), dirty FROM schema_migrations "
				+ "ORDER BY sequence DESC LIMIT 1")) {
			if (!rows.next()) {
				return new ToolHistory(Tool.GOLANG_MIGRATE, List.of(), null, null, List.of());
			}
			List<String> problems = (rows.getInt(2) != 0)
					? List.of("version " + rows.getString(1) + " is dirty: it stopped half way") : List.of();
			return new ToolHistory(Tool.GOLANG_MIGRATE, List.of(), rows.getString(1), null, problems);
		}
	}

	// A version and whether its latest row says it is applied.
	private static ToolHistory versions(Tool tool, Statement statement, String query) throws SQLException {
		List<String> applied = new ArrayList<>();
		try (ResultSet rows = statement.executeQuery(query)) {
			while (rows.next()) {
				if (rows.getInt(2) != 0) {
					applied.add(rows.getString(1));
				}
			}
		}
		return new ToolHistory(tool, applied, null, null, List.of());
	}

	// Change sets by file; a file is applied when a change set of it ran, and a failed one stops the import.
	private static ToolHistory liquibase(Statement statement) throws SQLException {
		Set<String> applied = new LinkedHashSet<>();
		List<String> problems = new ArrayList<>();
		try (ResultSet rows = statement.executeQuery("SELECT FILENAME, EXECTYPE, ID, AUTHOR FROM DATABASECHANGELOG "
				+ "ORDER BY ORDEREXECUTED")) {
			while (rows.next()) {
				String type = rows.getString(2).toUpperCase(Locale.ROOT);
				if (type.equals("FAILED")) {
					problems.add("change set " + rows.getString(4) + ":" + rows.getString(3) + " of " + rows.getString(1)
							+ " failed");
				}
				else if (!type.equals("SKIPPED")) {
					applied.add(rows.getString(1));
				}
			}
		}
		return new ToolHistory(Tool.LIQUIBASE, List.copyOf(applied), null, null, problems);
	}

	private static String database(Connection connection) {
		try {
			return Connections.database(connection);
		}
		catch (SQLException ex) {
			return "?";
		}
	}

}
