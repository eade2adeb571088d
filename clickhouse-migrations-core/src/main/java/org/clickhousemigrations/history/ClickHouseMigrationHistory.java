package org.clickhousemigrations.history;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * that every node sees one history; it is then written with {@code insert_quorum} and read with
 * {@code select_sequential_consistency}, so that a new lock holder never reads a history older
 * than the last holder's writes.
 * <p>
 * The rows of a migration are ordered by {@code sequence}, a number that grows with every row
 * written under the lock, not by clocks: two instances whose clocks disagree cannot reorder them.
 * A history table of an earlier version is given the column when it is next written.
 */
public class ClickHouseMigrationHistory implements MigrationHistory {

	private static final String COLUMNS = "module, version, description, type, script, checksum, event, "
			+ "statements_done, statements_total, progress_checksum, installed_by, installed_on, execution_time_ms, "
			+ "error, event_time, sequence";

	private static final String ORDER_BY = "ORDER BY (module, version, sequence)";

	private static final int UNKNOWN_IDENTIFIER = 47;

	private final String table;

	private final String database;

	private final String engine;

	private final Clock clock;

	// The last sequence number seen in each history (by location); writes happen under the lock,
	// after a read, so the next number is always the next one in that history.
	private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();

	// Histories read without a sequence column, by location.
	private final Set<String> outdated = ConcurrentHashMap.newKeySet();

	/**
	 * @param table the table name
	 * @param database the database that holds it; {@code null} for the connection's database
	 * @param engine the full engine clause; {@code null} for MergeTree, or ReplicatedMergeTree with a cluster
	 */
	public ClickHouseMigrationHistory(String table, String database, String engine) {
		this(table, database, engine, Clock.systemUTC());
	}

	/** A history whose rows take their time from {@code clock}. */
	public ClickHouseMigrationHistory(String table, String database, String engine, Clock clock) {
		this.table = table;
		this.database = database;
		this.engine = engine;
		this.clock = clock;
	}

	@Override
	public String location(MigrationDatabase target) {
		if (this.database != null) {
			return location((String) null);
		}
		try (Connection connection = target.dataSource().getConnection()) {
			return location(Connections.database(connection));
		}
		catch (SQLException ex) {
			return location("?");
		}
	}

	// The table's place, from the database of a connection already open (or the configured one).
	private String location(String connectionDatabase) {
		return ((this.database != null) ? this.database : connectionDatabase) + "." + this.table;
	}

	@Override
	public Snapshot read(MigrationDatabase target) {
		return rows(target, "ORDER BY module, version, sequence DESC, event_time DESC LIMIT 1 BY module, version");
	}

	@Override
	public List<AppliedMigration> all(MigrationDatabase target) {
		return rows(target, "ORDER BY sequence, event_time").latest();
	}

	// The rows the clause selects, and whether the history exists.
	private Snapshot rows(MigrationDatabase target, String clause) {
		String select = "SELECT " + COLUMNS.replace("installed_on", "toUnixTimestamp64Milli(installed_on)") + " FROM "
				+ qualifiedName(target) + " " + clause + consistency(target);
		try (Connection connection = target.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			String location = location(Connections.database(connection));
			List<AppliedMigration> found = new ArrayList<>();
			long lastSequence = 0;
			try (ResultSet rows = query(statement, select, location)) {
				while (rows.next()) {
					found.add(row(rows, target));
					lastSequence = Math.max(lastSequence, rows.getLong(16));
				}
			}
			// The latest row of each migration holds its highest number, so the highest of them is the last.
			sequence(location).accumulateAndGet(lastSequence, Math::max);
			return new Snapshot(true, found);
		}
		catch (SQLException ex) {
			if (ClickHouseErrors.isUnknownTableOrDatabase(ex)) {
				return Snapshot.empty();
			}
			throw new ClickHouseMigrationException("Cannot read the migration history " + location(target)
					+ " of database '" + target.name() + "': " + ClickHouseErrors.describe(ex), ex);
		}
	}

	// A table of an earlier version has no sequence: its rows read as sequence 0, in time order,
	// and it gets the column before its next write.
	private ResultSet query(Statement statement, String select, String location) throws SQLException {
		try {
			return statement.executeQuery(select);
		}
		catch (SQLException ex) {
			if (ClickHouseErrors.code(ex) != UNKNOWN_IDENTIFIER) {
				throw ex;
			}
			this.outdated.add(location);
			return statement.executeQuery(select.replace(", sequence FROM", ", toUInt64(0) AS sequence FROM")
				.replace("sequence DESC, ", "").replace("ORDER BY sequence, ", "ORDER BY "));
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
				+ "event_time DateTime64(6, 'UTC'), sequence UInt64) ENGINE = " + engineClause;
	}

	@Override
	public String render(MigrationDatabase target, List<AppliedMigration> rows) {
		return render(target, rows, sequence(location(target)).get());
	}

	// The rows numbered after lastSequence.
	private String render(MigrationDatabase target, List<AppliedMigration> rows, long lastSequence) {
		StringBuilder sql = new StringBuilder("INSERT INTO " + qualifiedName(target) + " (" + COLUMNS + ")");
		if (isClustered(target)) {
			// Acknowledged by a majority of replicas, so that the next holder reads it wherever it connects.
			sql.append(" SETTINGS insert_quorum = 'auto', insert_quorum_parallel = 0");
		}
		sql.append(" VALUES ");
		Instant now = this.clock.instant();
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
					"fromUnixTimestamp64Micro(" + (now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000) + ", 'UTC')",
					String.valueOf(lastSequence + i + 1)));
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
			String location = location(Connections.database(connection));
			if (this.outdated.remove(location)) {
				statement.execute("ALTER TABLE " + qualifiedName(target) + " "
						+ ClusterSupport.onCluster(connection, target.cluster(), this.database)
						+ " ADD COLUMN IF NOT EXISTS sequence UInt64");
			}
			AtomicLong sequence = sequence(location);
			statement.execute(render(target, rows, sequence.get()));
			sequence.addAndGet(rows.size());
		}
		catch (SQLException ex) {
			throw new ClickHouseMigrationException("Cannot write to the migration history " + location(target)
					+ " of database '" + target.name() + "': " + ClickHouseErrors.describe(ex), ex);
		}
	}

	private static AppliedMigration row(ResultSet rows, MigrationDatabase target) throws SQLException {
		String module = rows.getString(1);
		String version = rows.getString(2);
		String event = rows.getString(7);
		try {
			return new AppliedMigration(new MigrationKey(module, MigrationVersion.parse(version)), rows.getString(3),
					MigrationType.valueOf(rows.getString(4)), rows.getString(5), rows.getString(6),
					HistoryEvent.read(event, rows.getInt(8), rows.getInt(9)), rows.getInt(8), rows.getInt(9),
					rows.getString(10), rows.getString(11), Instant.ofEpochMilli(rows.getLong(12)), rows.getLong(13),
					rows.getString(14));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidHistoryException("The migration history of database '" + target.name() + "' has a row "
					+ "this version cannot read (module '" + module + "', version '" + version + "', event '" + event
					+ "', type '" + rows.getString(4) + "'): " + ex.getMessage() + ". Was it written by a newer "
					+ "version, or by hand? Fix or remove that row.", ex);
		}
	}

	private AtomicLong sequence(String location) {
		return this.sequences.computeIfAbsent(location, (key) -> new AtomicLong());
	}

	private static boolean isClustered(MigrationDatabase target) {
		return target.cluster() != null && !target.cluster().isBlank();
	}

	private static String consistency(MigrationDatabase target) {
		return isClustered(target) ? " SETTINGS select_sequential_consistency = 1" : "";
	}

	private String qualifiedName(MigrationDatabase target) {
		return (this.database != null) ? Identifiers.quote(this.database) + "." + Identifiers.quote(this.table)
				: Identifiers.quote(this.table);
	}

}
