package org.clickhousemigrations.execute;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.clickhousemigrations.sql.Connections;
import org.clickhousemigrations.sql.Identifiers;
import org.clickhousemigrations.sql.StatementSettings;
import org.clickhousemigrations.sql.StatementTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridges of a live copy's exchange. An insert that found the table by its name just before
 * the exchange, but asked for the views reading it just after, writes into the old table and feeds
 * the views reading the old table's new name: none, but for these bridges, one per materialized
 * view reading the table ({@code <view>__live}), which read the new table's name until the exchange
 * (nothing inserts into it then) and the old table's after it, and write where their view writes.
 * They are dropped once the inserts that began before the exchange ended.
 */
final class ViewBridges {

	private static final Logger logger = LoggerFactory.getLogger(ViewBridges.class);

	private static final String TABLE_NAME = StatementTarget.NAME + "(?:\\." + StatementTarget.NAME + ")?";

	private static final Pattern VIEW_TARGET = Pattern.compile("(?is)^CREATE MATERIALIZED VIEW\\s+" + TABLE_NAME
			+ "\\s+TO\\s+(" + TABLE_NAME + ")");

	private final DataSource dataSource;

	private final LiveTable source;

	private final LiveTable destination;

	private final String statement;

	/**
	 * @param source the table the views read, as the statement names it
	 * @param destination the table the bridges read, as the statement names it
	 * @param statement how logs name the statement
	 */
	ViewBridges(DataSource dataSource, LiveTable source, LiveTable destination, String statement) {
		this.dataSource = dataSource;
		this.source = source;
		this.destination = destination;
		this.statement = statement;
	}

	/** Creates the bridges that do not exist yet. */
	void create() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			String database = database(connection);
			for (String[] view : views(connection)) {
				Matcher target = VIEW_TARGET.matcher(view[3]);
				Matcher from = Pattern.compile("(?i)\\b(FROM|JOIN)\\s+(" + Pattern.quote(database + "."
						+ this.source.table()) + "|" + Pattern.quote(LiveTable.quoted(database) + "."
								+ LiveTable.quoted(this.source.table())) + ")(?![\\w`$])")
					.matcher(view[2]);
				if (!target.find() || !from.find()) {
					logger.warn("Live copy {}: materialized view {}.{} reads {} but has no TO table, or a query that "
							+ "can be pointed elsewhere; an insert that began at the very moment of the exchange may not "
							+ "reach it", this.statement, view[0], view[1], this.source.name());
					continue;
				}
				String select = from.replaceAll((match) -> Matcher.quoteReplacement(match.group(1) + " "
						+ LiveTable.quoted(database) + "." + LiveTable.quoted(this.destination.table())));
				StatementSettings.execute(connection, "CREATE MATERIALIZED VIEW IF NOT EXISTS " + bridge(view) + " TO "
						+ target.group(1) + " AS " + select, null, null, Map.of());
			}
		}
	}

	/**
	 * Warns of inserts that ran at the very moment of the exchange and fed none of the materialized
	 * views reading the table, neither the views nor their bridges: ClickHouse looks an insert's
	 * views up by the table's name while the exchange moves the names, so such an insert writes its
	 * rows (which the copy carries into the new table) but feeds no view. Read from
	 * {@code system.query_log}: each insert's {@code views}.
	 * @param exchange the query id of the exchange
	 * @param lookup what flushes the query log first
	 */
	void reportMissed(String exchange, StatementLookup lookup) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			List<String[]> views = views(connection);
			if (views.isEmpty()) {
				return;
			}
			lookup.flushLogs(connection);
			String database = database(connection);
			List<String> names = new ArrayList<>();
			for (String[] view : views) {
				names.add(Identifiers.literal(view[0] + "." + view[1]));
				names.add(Identifiers.literal(view[0] + "." + view[1] + "__live"));
			}
			String tables = Identifiers.literal(database + "." + this.source.table()) + ", "
					+ Identifiers.literal(database + "." + this.destination.table());
			List<String> missed = new ArrayList<>();
			long rows = 0;
			try (Statement query = connection.createStatement();
					ResultSet inserts = query.executeQuery("WITH (SELECT (min(query_start_time_microseconds), "
							+ "max(event_time_microseconds)) FROM system.query_log WHERE query_id = "
							+ Identifiers.literal(exchange) + ") AS exchanged SELECT query_id, written_rows, query, "
							+ "current_database FROM system.query_log WHERE type = 'QueryFinish' AND query_kind = 'Insert' "
							+ "AND event_date >= yesterday() AND hasAny(tables, [" + tables + "]) AND "
							+ "event_time_microseconds >= exchanged.1 AND query_start_time_microseconds <= exchanged.2 "
							+ "AND NOT hasAny(views, [" + String.join(", ", names) + "])")) {
				while (inserts.next()) {
					// Inserts into the table, not those that read it to write elsewhere.
					String current = inserts.getString(4);
					String target = StatementTarget.of(inserts.getString(3))
						.map((insert) -> insert.qualifiedName(current))
						.orElse("");
					if (target.equals(database + "." + this.source.table())
							|| target.equals(database + "." + this.destination.table())) {
						missed.add(inserts.getString(1));
						rows += inserts.getLong(2);
					}
				}
			}
			if (!missed.isEmpty()) {
				logger.warn("Live copy {}: {} insert(s) ran at the very moment of the exchange and ClickHouse fed none "
						+ "of the materialized views reading {} (it looks them up by the name the exchange was moving): "
						+ "query ids {}, {} rows. Their rows are in the new table, but not counted by {}: feed those "
						+ "views the rows of these inserts (system.query_log tells their time and text)", this.statement,
						missed.size(), this.source.name(), missed, rows,
						views.stream().map((view) -> view[0] + "." + view[1]).toList());
			}
		}
	}

	/** Drops the bridges. */
	void drop() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			for (String[] view : views(connection)) {
				StatementSettings.execute(connection, "DROP VIEW IF EXISTS " + bridge(view), null, null, Map.of());
			}
		}
	}

	// The source's database: the one the statement names, or the connection's.
	private String database(Connection connection) throws SQLException {
		return (this.source.database() != null) ? this.source.database() : Connections.database(connection);
	}

	private static String bridge(String[] view) {
		return LiveTable.quoted(view[0]) + "." + LiveTable.quoted(view[1] + "__live");
	}

	// The materialized views fed by inserts into the source (not refreshable ones, not bridges):
	// database, name, query, CREATE statement.
	private List<String[]> views(Connection connection) throws SQLException {
		List<String[]> views = new ArrayList<>();
		try (Statement query = connection.createStatement();
				ResultSet rows = query.executeQuery("SELECT database, name, as_select, create_table_query FROM "
						+ "system.tables WHERE engine = 'MaterializedView' AND (database, name) IN (SELECT "
						+ "arrayJoin(arrayZip(dependencies_database, dependencies_table)) FROM system.tables WHERE "
						+ this.source.where() + ") AND NOT endsWith(name, '__live') AND NOT match(create_table_query, "
						+ "'^CREATE MATERIALIZED VIEW \\\\S+ REFRESH ') ORDER BY database, name")) {
			while (rows.next()) {
				views.add(new String[] { rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4) });
			}
		}
		return views;
	}

}
