package org.clickhousemigrations.history;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.model.AppliedMigration;
import org.clickhousemigrations.model.HistoryEvent;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.model.MigrationKey;
import org.clickhousemigrations.model.MigrationType;
import org.clickhousemigrations.model.MigrationVersion;
import org.clickhousemigrations.sql.ClickHouseErrors;
import org.clickhousemigrations.sql.ClusterSupport;
import org.clickhousemigrations.sql.Connections;
import org.clickhousemigrations.sql.Identifiers;

/**
 * The history as a ClickHouse table, written with plain {@code INSERT}s only (never mutations, which
 * are asynchronous). With a cluster it is created {@code ON CLUSTER} with a replicated engine, so
 * that every node sees one history.
 */
public class ClickHouseMigrationHistory implements MigrationHistory {

	private static final String COLUMNS = "module, version, description, type, script, checksum, event, "
			+ "statements_done, statements_total, progress_checksum, installed_by, installed_on, execution_time_ms, "
			+ "error, event_time";

	private static final String ORDER_BY = "ORDER BY (module, version, event_time)";

	// Rows of one migration are ordered by this time; it must grow even within one millisecond.
	private static final AtomicLong lastEventMicros = new AtomicLong();

	private final String table;

	private final String database;

	private final String engine;

	/**
	 * @param table the table name
	 * @param database the database that holds it; {@code null} for the connection's database
	 * @param engine the full engine clause; {@code null} for MergeTree, or ReplicatedMergeTree with a cluster
	 */
	public ClickHouseMigrationHistory(String table, String database, String engine) {
		this.table = table;
		this.database = database;
		this.engine = engine;
	}

	@Override
	public String location(MigrationDatabase target) {
		return (this.database != null) ? this.database + "." + this.table : connectionDatabase(target) + "." + this.table;
	}

	@Override
	public Snapshot read(MigrationDatabase target) {
		String sql = "SELECT " + COLUMNS.replace("installed_on", "toUnixTimestamp64Milli(installed_on)") + " FROM "
				+ qualifiedName(target) + " ORDER BY module, version, event_time DESC LIMIT 1 BY module, version";
		try (Connection connection = target.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			List<AppliedMigration> latest = new ArrayList<>();
			while (rows.next()) {
				latest.add(row(rows));
			}
			return new Snapshot(true, latest);
		}
		catch (SQLException ex) {
			if (ClickHouseErrors.isUnknownTableOrDatabase(ex)) {
				return Snapshot.empty();
			}
			throw new ClickHouseMigrationException("Cannot read the migration history " + location(target)
					+ " of database '" + target.name() + "': " + ClickHouseErrors.describe(ex), ex);
		}
	}

	@Override
	public void create(MigrationDatabase target) {
		try (Connection connection = target.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(createStatement(connection, target));
		}
		catch (SQLException ex) {
			throw new ClickHouseMigrationException("Cannot create the migration history " + location(target)
					+ " of database '" + target.name() + "': " + ClickHouseErrors.describe(ex)
					+ ". Check that the user may create tables there, or set clickhouse.migrations.history.*", ex);
		}
	}

	@Override
	public String renderCreate(MigrationDatabase target) {
		try (Connection connection = target.dataSource().getConnection()) {
			return createStatement(connection, target);
		}
		catch (SQLException ex) {
			throw ClickHouseMigrationException.cannotConnect(target.name(), ex);
		}
	}

	private String createStatement(Connection connection, MigrationDatabase target) throws SQLException {
		String onCluster = ClusterSupport.onCluster(connection, target.cluster(), this.database);
		String engineClause = (this.engine != null) ? this.engine
				: ((target.cluster() != null) ? "ReplicatedMergeTree " : "MergeTree ") + ORDER_BY;
		return "CREATE TABLE IF NOT EXISTS " + qualifiedName(target) + " " + onCluster + " ("
				+ "module String, version String, description String, type LowCardinality(String), "
				+ "script String, checksum String, event LowCardinality(String), statements_done UInt32, "
				+ "statements_total UInt32, progress_checksum String, installed_by String, "
				+ "installed_on DateTime64(3, 'UTC'), execution_time_ms UInt64, error String, "
				+ "event_time DateTime64(6, 'UTC')) ENGINE = " + engineClause;
	}

	@Override
	public String render(MigrationDatabase target, List<AppliedMigration> rows) {
		StringBuilder sql = new StringBuilder("INSERT INTO " + qualifiedName(target) + " (" + COLUMNS + ") VALUES ");
		for (int i = 0; i < rows.size(); i++) {
			AppliedMigration row = rows.get(i);
			sql.append((i > 0) ? ", " : "").append('(');
			sql.append(String.join(", ", Identifiers.literal(row.key().module()),
					Identifiers.literal(row.key().version().toString()), Identifiers.literal(row.description()),
					Identifiers.literal(row.type().name()), Identifiers.literal(row.script()),
					Identifiers.literal(row.checksum()), Identifiers.literal(row.event().name()),
					String.valueOf(row.statementsDone()), String.valueOf(row.statementsTotal()),
					Identifiers.literal(row.progressChecksum()), Identifiers.literal(row.installedBy()),
					"fromUnixTimestamp64Milli(" + row.installedOn().toEpochMilli() + ", 'UTC')",
					String.valueOf(row.executionTimeMs()), Identifiers.literal(row.error()),
					// Rows of one migration are ordered by this; client time keeps the order within one insert.
					"fromUnixTimestamp64Micro(" + nextEventMicros() + ", 'UTC')"));
			sql.append(')');
		}
		return sql.toString();
	}

	@Override
	public void append(MigrationDatabase target, List<AppliedMigration> rows) {
		if (rows.isEmpty()) {
			return;
		}
		// The statement that render() shows, every value a quoted literal: cheaper for the driver
		// than a prepared statement, and a dry run shows exactly what runs.
		try (Connection connection = target.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(render(target, rows));
		}
		catch (SQLException ex) {
			throw new ClickHouseMigrationException("Cannot write to the migration history " + location(target)
					+ " of database '" + target.name() + "': " + ClickHouseErrors.describe(ex), ex);
		}
	}

	private static AppliedMigration row(ResultSet rows) throws SQLException {
		return new AppliedMigration(
				new MigrationKey(rows.getString(1), MigrationVersion.parse(rows.getString(2))), rows.getString(3),
				MigrationType.valueOf(rows.getString(4)), rows.getString(5), rows.getString(6),
				HistoryEvent.read(rows.getString(7), rows.getInt(8), rows.getInt(9)), rows.getInt(8), rows.getInt(9), rows.getString(10),
				rows.getString(11), Instant.ofEpochMilli(rows.getLong(12)), rows.getLong(13), rows.getString(14));
	}

	private static long nextEventMicros() {
		Instant now = Instant.now();
		long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
		return lastEventMicros.updateAndGet((last) -> Math.max(last + 1, micros));
	}

	private String qualifiedName(MigrationDatabase target) {
		return (this.database != null) ? Identifiers.quote(this.database) + "." + Identifiers.quote(this.table)
				: Identifiers.quote(this.table);
	}

	private static String connectionDatabase(MigrationDatabase target) {
		try (Connection connection = target.dataSource().getConnection()) {
			return Connections.database(connection);
		}
		catch (SQLException ex) {
			return "?";
		}
	}

}
