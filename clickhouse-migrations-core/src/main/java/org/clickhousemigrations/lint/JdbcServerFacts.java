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
	@SuppressWarnings("unchecked")
	public Optional<String> engine(String database, String table) {
		return (Optional<String>) remember("engine " + database + "." + table,
				() -> first("SELECT engine FROM system.tables WHERE database = ? AND name = ?", database, table));
	}

	@Override
	@SuppressWarnings("unchecked")
	public Optional<Size> size(String database, String table) {
		return (Optional<Size>) remember("size " + database + "." + table, () -> {
			try (PreparedStatement statement = this.connection.prepareStatement("SELECT count(), sum(rows), "
					+ "sum(bytes_on_disk) FROM system.parts WHERE active AND database = ? AND table = ?")) {
				statement.setString(1, database);
				statement.setString(2, table);
				try (ResultSet result = statement.executeQuery()) {
					result.next();
					return (result.getLong(1) == 0) ? Optional.empty()
							: Optional.of(new Size(result.getLong(2), result.getLong(3)));
				}
			}
		});
	}

	@Override
	public int unfinishedMutations(String database, String table) {
		return (int) remember("mutations " + database + "." + table, () -> first(
				"SELECT toString(count()) FROM system.mutations WHERE database = ? AND table = ? AND NOT is_done",
				database, table)
			.map(Integer::parseInt)
			.orElse(0));
	}

	@Override
	@SuppressWarnings("unchecked")
	public Optional<String> columnType(String database, String table, String column) {
		return (Optional<String>) remember("column " + database + "." + table + "." + column, () -> first(
				"SELECT type FROM system.columns WHERE database = ? AND table = ? AND name = ?", database, table,
				column));
	}

	@Override
	@SuppressWarnings("unchecked")
	public Optional<String> ttl(String database, String table) {
		return (Optional<String>) remember("ttl " + database + "." + table,
				() -> first("SELECT engine_full FROM system.tables WHERE database = ? AND name = ?", database, table)
					.map(TTL::matcher)
					.filter(Matcher::find)
					.map((matcher) -> matcher.group(1)));
	}

	@Override
	@SuppressWarnings("unchecked")
	public List<View> views(String database) {
		return (List<View>) remember("views " + database, () -> {
			List<View> views = new ArrayList<>();
			try (PreparedStatement statement = this.connection.prepareStatement("SELECT name, as_select FROM "
					+ "system.tables WHERE database = ? AND engine IN ('View', 'MaterializedView') ORDER BY name")) {
				statement.setString(1, database);
				try (ResultSet result = statement.executeQuery()) {
					while (result.next()) {
						views.add(new View(result.getString(1), result.getString(2)));
					}
				}
			}
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
