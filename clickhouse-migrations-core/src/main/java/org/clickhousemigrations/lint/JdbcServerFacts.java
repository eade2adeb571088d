package org.clickhousemigrations.lint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.sql.ClickHouseErrors;
import org.clickhousemigrations.sql.Identifiers;

/**
 * {@link ServerFacts} from the system tables, over one connection; answers are kept, so each is
 * asked once per lint. Every query reads; none writes.
 */
final class JdbcServerFacts implements ServerFacts {

	// ClickHouse shows the TTL in engine_full: ... TTL <expr> [SETTINGS ...]
	private static final Pattern TTL = Pattern.compile("\\bTTL\\s+(.+?)(?:\\s+SETTINGS\\s+.*)?$");

	// Statements sent at once to be parsed, in characters: well below max_query_size (256 KiB).
	private static final int BATCH_CHARACTERS = 100_000;

	private final Connection connection;

	private final Map<String, Object> answers = new HashMap<>();

	JdbcServerFacts(Connection connection) {
		this.connection = connection;
	}

	@Override
	public String currentDatabase() {
		return (String) remember("currentDatabase", () -> first("SELECT currentDatabase()").orElse("default"));
	}

	@Override
	public boolean isReplicatedDatabase(String database) {
		return (boolean) remember("replicated " + database,
				() -> first("SELECT engine FROM system.databases WHERE name = ?", database).map("Replicated"::equals)
					.orElse(false));
	}

	/**
	 * Asks in batches which statements do not parse ({@code formatQueryOrNull}), then asks
	 * {@code formatQuery} for the message of each of those: a query or two for a whole migration.
	 */
	@Override
	public Map<String, String> parseErrors(List<String> statements) {
		Map<String, String> errors = new LinkedHashMap<>();
		List<String> batch = new ArrayList<>();
		int size = 0;
		for (String sql : statements) {
			if (!batch.isEmpty() && size + sql.length() > BATCH_CHARACTERS) {
				unparsable(batch).forEach((each) -> errors.put(each, parseError(each)));
				batch.clear();
				size = 0;
			}
			batch.add(sql);
			size += sql.length();
		}
		if (!batch.isEmpty()) {
			unparsable(batch).forEach((each) -> errors.put(each, parseError(each)));
		}
		return errors;
	}

	private List<String> unparsable(List<String> batch) {
		String array = batch.stream().map(Identifiers::literal).collect(Collectors.joining(", ", "[", "]"));
		List<String> unparsable = new ArrayList<>();
		try (Statement statement = this.connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT arrayJoin(arrayFilter((i) -> formatQueryOrNull(a[i]) "
						+ "IS NULL, arrayEnumerate(a))) FROM (SELECT " + array + " AS a)")) {
			while (result.next()) {
				unparsable.add(batch.get(result.getInt(1) - 1));
			}
			return unparsable;
		}
		catch (SQLException ex) {
			// A server without formatQueryOrNull (before 23.10) is asked statement by statement.
			return batch.stream().filter((sql) -> parseError(sql) != null).toList();
		}
	}

	// ClickHouse's message, or null when it parses.
	private String parseError(String sql) {
		try (PreparedStatement statement = this.connection.prepareStatement("SELECT formatQuery(?)")) {
			statement.setString(1, sql);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return null;
			}
		}
		catch (SQLException ex) {
			int code = ClickHouseErrors.code(ex);
			// 62 SYNTAX_ERROR; the others are what formatQuery says of a statement it cannot take.
			if (code == 62 || code == 1 || code == 36) {
				return ClickHouseErrors.describe(ex);
			}
			throw new ClickHouseMigrationException("lint could not ask ClickHouse to parse a statement: "
					+ ClickHouseErrors.describe(ex), ex);
		}
	}

	@Override
	public Optional<String> engine(String database, String table) {
		return Optional.ofNullable(tables(database).get(table)).map((row) -> row[0]);
	}

	@Override
	public Optional<Size> size(String database, String table) {
		return Optional.ofNullable(sizes(database).get(table));
	}

	@Override
	public int unfinishedMutations(String database, String table) {
		return mutations(database).getOrDefault(table, 0);
	}

	@Override
	public Optional<String> columnType(String database, String table, String column) {
		return Optional.ofNullable(columns(database).get(table + "." + column));
	}

	@Override
	public Optional<String> ttl(String database, String table) {
		return Optional.ofNullable(tables(database).get(table))
			.map((row) -> TTL.matcher(row[1]))
			.filter(Matcher::find)
			.map((matcher) -> matcher.group(1));
	}

	// Each of these reads one system table for the whole database once: a query, not one per table.

	@SuppressWarnings("unchecked")
	private Map<String, String[]> tables(String database) {
		return (Map<String, String[]>) remember("tables " + database, () -> {
			Map<String, String[]> tables = new HashMap<>();
			rows("SELECT name, engine, engine_full FROM system.tables WHERE database = ?", database,
					(row) -> tables.put(row.getString(1), new String[] { row.getString(2), row.getString(3) }));
			return tables;
		});
	}

	@SuppressWarnings("unchecked")
	private Map<String, Size> sizes(String database) {
		return (Map<String, Size>) remember("sizes " + database, () -> {
			Map<String, Size> sizes = new HashMap<>();
			rows("SELECT table, sum(rows), sum(bytes_on_disk) FROM system.parts WHERE active AND database = ? "
					+ "GROUP BY table", database,
					(row) -> sizes.put(row.getString(1), new Size(row.getLong(2), row.getLong(3))));
			return sizes;
		});
	}

	@SuppressWarnings("unchecked")
	private Map<String, Integer> mutations(String database) {
		return (Map<String, Integer>) remember("mutations " + database, () -> {
			Map<String, Integer> mutations = new HashMap<>();
			rows("SELECT table, count() FROM system.mutations WHERE database = ? AND NOT is_done GROUP BY table",
					database, (row) -> mutations.put(row.getString(1), row.getInt(2)));
			return mutations;
		});
	}

	@SuppressWarnings("unchecked")
	private Map<String, String> columns(String database) {
		return (Map<String, String>) remember("columns " + database, () -> {
			Map<String, String> columns = new HashMap<>();
			rows("SELECT table, name, type FROM system.columns WHERE database = ?", database,
					(row) -> columns.put(row.getString(1) + "." + row.getString(2), row.getString(3)));
			return columns;
		});
	}

	private void rows(String sql, String database, Row row) throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
			statement.setString(1, database);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					row.read(result);
				}
			}
		}
	}

	@FunctionalInterface
	private interface Row {

		void read(ResultSet row) throws SQLException;

	}

	@Override
	@SuppressWarnings("unchecked")
	public List<View> views(String database) {
		return (List<View>) remember("views " + database, () -> {
			List<View> views = new ArrayList<>();
			rows("SELECT name, as_select FROM system.tables WHERE database = ? AND engine IN ('View', "
					+ "'MaterializedView') ORDER BY name", database,
					(row) -> views.add(new View(row.getString(1), row.getString(2))));
			return views;
		});
	}

	private Optional<String> first(String sql, String... parameters) throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setString(i + 1, parameters[i]);
			}
			try (ResultSet result = statement.executeQuery()) {
				return result.next() ? Optional.ofNullable(result.getString(1)) : Optional.empty();
			}
		}
	}

	private Object remember(String key, Query query) {
		if (!this.answers.containsKey(key)) {
			try {
				this.answers.put(key, query.run());
			}
			catch (SQLException ex) {
				throw new ClickHouseMigrationException("lint could not read " + key + " from ClickHouse: "
						+ ClickHouseErrors.describe(ex), ex);
			}
		}
		return this.answers.get(key);
	}

	@FunctionalInterface
	private interface Query {

		Object run() throws SQLException;

	}

}
