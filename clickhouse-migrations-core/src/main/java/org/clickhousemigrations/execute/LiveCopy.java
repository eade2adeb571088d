package org.clickhousemigrations.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.clickhousemigrations.sql.Identifiers;
import org.clickhousemigrations.sql.StatementSettings;
import org.clickhousemigrations.sql.StatementTarget;
import org.clickhousemigrations.sql.TableEngines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code EXCHANGE TABLES a AND b} under the line {@code -- copy: live}: {@code b}, a new and empty
 * table (the new sorting key, partition key or engine), is filled with every row of {@code a} while
 * {@code a} keeps taking inserts, then the two are exchanged, and the rows that inserts running at
 * that moment wrote into the old table are copied after it. Every row inserted into {@code a}
 * before, during and after ends in the new table once.
 * <p>
 * How: {@code a} is told to keep each row's insert block number ({@code enable_block_number_column},
 * so that merges keep it too); block numbers grow in commit order, so "every block up to N" is a
 * set of rows that only grows by new inserts. Rows are copied in ranges of block numbers, each into
 * an empty staging table of {@code b}'s layout whose partitions are then moved into {@code b}
 * ({@code MOVE PARTITION ... TO TABLE}): no chunk is half-written, and no materialized view sees a
 * copied row a second time. Each range has a query id of its own, {@code <statement>_l<from>_<to>},
 * so that a later run reads from {@code system.query_log} how far the copy got; the table that
 * keeps block numbers says which side of the exchange a run is on. Passes catch up with the rows
 * inserted meanwhile; the copy is compared with the rows it was made from (count and an
 * order-independent checksum) before the exchange; after it, inserts that started before it are
 * waited for and their rows copied.
 */
final class LiveCopy {

	/** The chunk size when the directive names none. */
	static final long DEFAULT_CHUNK_ROWS = 1_000_000;

	private static final Logger logger = LoggerFactory.getLogger(LiveCopy.class);

	private static final Pattern DIRECTIVE = Pattern.compile(
			"(?m)^[ \\t]*--[ \\t]*copy:[ \\t]*live(?:[ \\t]*,[ \\t]*chunks[ \\t]+of[ \\t]+([0-9_]+)[ \\t]+rows)?[ \\t]*;?[ \\t]*$");

	private static final String TABLE = "(" + StatementTarget.NAME + ")(?:\\s*\\.\\s*(" + StatementTarget.NAME + "))?";

	// The same without groups.
	private static final String TABLE_NAME = StatementTarget.NAME + "(?:\\." + StatementTarget.NAME + ")?";

	private static final Pattern EXCHANGE = Pattern.compile("(?is)EXCHANGE\\s+TABLES\\s+" + TABLE + "\\s+AND\\s+" + TABLE
			+ "\\s*;?\\s*");

	private static final Pattern CHUNK = Pattern.compile("_l(\\d+)_(\\d+)$");

	private static final String MARK = "enable_block_number_column";

	private static final Pattern VIEW_TARGET = Pattern.compile("(?is)^CREATE MATERIALIZED VIEW\\s+" + TABLE_NAME
			+ "\\s+TO\\s+(" + TABLE_NAME + ")");

	// Engines whose merges fold rows together: their row counts change as they merge.
	private static final Pattern FOLDING = Pattern.compile("(?:Replacing|Summing|Aggregating|Collapsing|"
			+ "VersionedCollapsing|Graphite|Coalescing)MergeTree");

	private static final int PASSES = 4;

	private static final Duration POLL = Duration.ofMillis(200);

	private static final Duration IN_FLIGHT_LIMIT = Duration.ofMinutes(30);

	private final Table source;

	private final Table destination;

	private final long chunkRows;

	private LiveCopy(Table source, Table destination, long chunkRows) {
		this.source = source;
		this.destination = destination;
		this.chunkRows = chunkRows;
	}

	/**
	 * The live copy a statement asks for, or empty when its leading comments hold no directive.
	 * @throws IllegalArgumentException when the statement is not {@code EXCHANGE TABLES a AND b}
	 */
	static Optional<LiveCopy> of(String sql) {
		Matcher leading = StatementTarget.LEADING_COMMENTS.matcher(sql);
		Matcher directive = leading.lookingAt() ? DIRECTIVE.matcher(leading.group()) : null;
		if (directive == null || !directive.find()) {
			return Optional.empty();
		}
		Matcher exchange = EXCHANGE.matcher(sql.substring(leading.end()));
		if (!exchange.matches()) {
			throw new IllegalArgumentException("'-- copy: live' stands above a statement that is not EXCHANGE TABLES "
					+ "<table> AND <new table> (without ON CLUSTER): write the exchange it copies before");
		}
		long chunkRows = (directive.group(1) != null) ? Long.parseLong(directive.group(1).replace("_", ""))
				: DEFAULT_CHUNK_ROWS;
		if (chunkRows < 1) {
			throw new IllegalArgumentException("'-- copy: live' needs chunks of at least 1 row");
		}
		return Optional.of(new LiveCopy(Table.of(exchange.group(1), exchange.group(2)),
				Table.of(exchange.group(3), exchange.group(4)), chunkRows));
	}

	/** The table whose rows are copied, as the statement names it. */
	String source() {
		return this.source.name();
	}

	/** The new table, as the statement names it. */
	String destination() {
		return this.destination.name();
	}

	/**
	 * Copies, exchanges and catches up, going on from where an earlier attempt or run stopped.
	 * @param settings the statement's settings (a migration file's {@code SET} statements)
	 * @param rowsPerSecond the most rows a second the copy writes, 0 for no limit
	 * @param statement how logs name the statement
	 */
	void run(DataSource dataSource, StatementId id, Map<String, String> settings, StatementLookup lookup,
			long rowsPerSecond, String statement) throws SQLException, InterruptedException {
		new Run(dataSource, id.base() + "_l", settings, lookup, rowsPerSecond, statement).go();
	}

	/** One run of the statement. */
	private final class Run {

		private final DataSource dataSource;

		private final String prefix;

		private final Map<String, String> settings;

		private final StatementLookup lookup;

		private final long rowsPerSecond;

		private final String statement;

		private final Table staging;

		// Every block up to this one is in the new table.
		private long copied;

		private long copiedRows;

		Run(DataSource dataSource, String prefix, Map<String, String> settings, StatementLookup lookup,
				long rowsPerSecond, String statement) {
			this.rowsPerSecond = rowsPerSecond;
			this.dataSource = dataSource;
			this.prefix = prefix;
			this.settings = settings;
			this.lookup = lookup;
			this.statement = statement;
			this.staging = new Table(LiveCopy.this.destination.database(), LiveCopy.this.destination.table() + "__copy");
		}

		void go() throws SQLException, InterruptedException {
			List<LoggedQuery> logged;
			boolean exchanged;
			try (Connection connection = this.dataSource.getConnection()) {
				logged = this.lookup.logged(connection, this.prefix);
				boolean sourceMarked = marked(connection, LiveCopy.this.source);
				boolean destinationMarked = marked(connection, LiveCopy.this.destination);
				if (destinationMarked && (sourceMarked || logged.isEmpty())) {
					throw new IllegalStateException(LiveCopy.this.destination.name() + " keeps block numbers ("
							+ MARK + " = 1) before the copy began: the live copy uses that setting to tell which table "
							+ "holds the old rows; create " + LiveCopy.this.destination.name() + " without it");
				}
				exchanged = destinationMarked;
				Table older = exchanged ? LiveCopy.this.destination : LiveCopy.this.source;
				Table newer = exchanged ? LiveCopy.this.source : LiveCopy.this.destination;
				checkEngines(connection, older, newer);
				if (logged.isEmpty()) {
					long rows = count(connection, "SELECT count() FROM " + newer.sql());
					if (rows > 0) {
						throw new IllegalStateException(newer.name() + " holds " + rows + " rows: a live copy fills an "
								+ "empty table; truncate it (or drop and create it again) if they are a stale copy");
					}
				}
				if (!sourceMarked && !exchanged) {
					execute(connection, "ALTER TABLE " + older.sql() + " MODIFY SETTING " + MARK + " = 1", null);
				}
				execute(connection, "CREATE TABLE IF NOT EXISTS " + this.staging.sql() + " AS " + newer.sql(), null);
				settle(connection, logged, newer);
			}
			if (!exchanged) {
				for (int pass = 1; pass <= PASSES; pass++) {
					if (copyPass(LiveCopy.this.source, LiveCopy.this.destination, "pass " + pass) <= 1) {
						break;
					}
				}
				verify();
				bridgeViews(true);
				exchange();
			}
			long since = System.nanoTime();
			awaitInsertsBefore(since);
			copyPass(LiveCopy.this.destination, LiveCopy.this.source, "after the exchange");
			try (Connection connection = this.dataSource.getConnection()) {
				execute(connection, "DROP TABLE IF EXISTS " + this.staging.sql(), null);
			}
			bridgeViews(false);
			try (Connection connection = this.dataSource.getConnection()) {
			}
			logger.info("Live copy {} done: {} is {} (new layout), with every row of the old table, now {}, which "
					+ "can be dropped by a later migration; {} rows copied by this run", this.statement,
					LiveCopy.this.source.name(), LiveCopy.this.source.name(), LiveCopy.this.destination.name(),
					this.copiedRows);
		}

		// Where an earlier run stopped: the highest range that finished; a range that finished but
		// whose staged rows were not all moved is moved on, one that did not finish is thrown away.
		private void settle(Connection connection, List<LoggedQuery> logged, Table newer)
				throws SQLException, InterruptedException {
			// Ranges run one after the other, so the last one logged is the last one sent.
			String latest = null;
			for (LoggedQuery query : logged) {
				Matcher chunk = CHUNK.matcher(query.queryId());
				if (chunk.find()) {
					latest = query.queryId();
					if (query.finished()) {
						this.copied = Math.max(this.copied, Long.parseLong(chunk.group(2)));
					}
				}
			}
			String last = latest;
			boolean lastFinished = logged.stream().anyMatch((query) -> query.queryId().equals(last) && query.finished());
			if (count(connection, "SELECT count() FROM " + this.staging.sql()) > 0) {
				if (lastFinished) {
					logger.info("Live copy {}: moving the staged rows of {} into {}", this.statement, last, newer.name());
					move(connection, newer);
				}
				else {
					execute(connection, "TRUNCATE TABLE " + this.staging.sql(), null);
				}
			}
		}

		// Copies the blocks of older past what is copied, up to its newest block now; the chunks it took.
		private int copyPass(Table older, Table newer, String pass) throws SQLException, InterruptedException {
			List<long[]> chunks;
			String columns;
			try (Connection connection = this.dataSource.getConnection()) {
				long newest = count(connection, "SELECT max(max_block_number) FROM system.parts WHERE active AND "
						+ older.where());
				if (newest <= this.copied) {
					return 0;
				}
				chunks = plan(connection, older, newest);
				columns = String.join(", ", columns(connection, older, newer).keySet());
			}
			try (ChunkProgress progress = new ChunkProgress("Live copy " + this.statement + " " + pass + " ("
					+ older.name() + " into " + newer.name() + ")", this.prefix, chunks.size(), 0, 0, this.rowsPerSecond)) {
				for (long[] chunk : chunks) {
					long started = System.nanoTime();
					long written = copy(older, newer, columns, chunk[0], chunk[1]);
					this.copied = chunk[1];
					this.copiedRows += written;
					progress.done("blocks " + (chunk[0] + 1) + " to " + chunk[1], written, started);
					progress.pace();
				}
			}
			return chunks.size();
		}

		// Ranges of blocks (from, to] of about chunkRows rows, the last one ending at newest.
		private List<long[]> plan(Connection connection, Table older, long newest) throws SQLException {
			List<long[]> chunks = new ArrayList<>();
			long from = this.copied;
			long rows = 0;
			long last = from;
			try (Statement query = connection.createStatement();
					ResultSet blocks = query.executeQuery("SELECT _block_number, count() FROM " + older.sql()
							+ " WHERE _block_number > " + this.copied + " AND _block_number <= " + newest
							+ " GROUP BY _block_number ORDER BY _block_number")) {
				while (blocks.next()) {
					last = blocks.getLong(1);
					rows += blocks.getLong(2);
					if (rows >= LiveCopy.this.chunkRows) {
						chunks.add(new long[] { from, last });
						from = last;
						rows = 0;
					}
				}
			}
			if (from < newest) {
				chunks.add(new long[] { from, newest });
			}
			return chunks;
		}

		// One range: into the empty staging table, then its partitions moved into the new table.
		private long copy(Table older, Table newer, String columns, long from, long to)
				throws SQLException, InterruptedException {
			String queryId = this.prefix + from + "_" + to;
			long written;
			try (Connection connection = this.dataSource.getConnection()) {
				written = insert(connection, queryId, "INSERT INTO " + this.staging.sql() + " (" + columns + ") SELECT "
						+ columns + " FROM " + older.sql() + " WHERE _block_number > " + from + " AND _block_number <= "
						+ to);
				move(connection, newer);
			}
			return written;
		}

		private long insert(Connection connection, String queryId, String sql) throws SQLException, InterruptedException {
			try (Statement insert = connection.createStatement()) {
				StatementSettings.apply(insert, queryId, null, this.settings);
				return Math.max(0, insert.executeLargeUpdate(sql));
			}
			catch (SQLException | RuntimeException ex) {
				if (ErrorClasses.of(ex, sql) == ErrorClasses.Handling.LOOK_UP) {
					try (Connection asker = this.dataSource.getConnection()) {
						for (LoggedQuery query : this.lookup.logged(asker, queryId)) {
							if (query.finished()) {
								logger.info("Live copy {}: the answer of {} was lost, and ClickHouse says it finished",
										this.statement, queryId);
								return query.writtenRows();
							}
						}
					}
				}
				// Not finished: the staged rows are thrown away when the statement runs again.
				throw ex;
			}
		}

		// Moves every partition of the staging table into the new table; one that moved is gone from it.
		private void move(Connection connection, Table newer) throws SQLException {
			List<String> partitions = new ArrayList<>();
			try (PreparedStatement query = connection.prepareStatement("SELECT DISTINCT partition_id FROM system.parts "
					+ "WHERE active AND " + this.staging.where() + " ORDER BY partition_id")) {
				try (ResultSet rows = query.executeQuery()) {
					while (rows.next()) {
						partitions.add(rows.getString(1));
					}
				}
			}
			for (String partition : partitions) {
				execute(connection, "ALTER TABLE " + this.staging.sql() + " MOVE PARTITION ID "
						+ Identifiers.literal(partition) + " TO TABLE " + newer.sql(), null);
			}
		}

		// The rows copied against the rows they came from, before anything is exchanged.
		private void verify() throws SQLException {
			try (Connection connection = this.dataSource.getConnection()) {
				Table older = LiveCopy.this.source;
				Table newer = LiveCopy.this.destination;
				if (folds(connection, older) || folds(connection, newer)) {
					logger.info("Live copy {}: {} or {} folds rows as it merges, so the copy is not compared row by "
							+ "row with its source", this.statement, older.name(), newer.name());
					return;
				}
				// The copy's values in the types of the rows they came from, should the new table's differ.
				Map<String, String> columns = columns(connection, older, newer);
				String copiedFrom = "SELECT count(), toString(sum(cityHash64(" + String.join(", ", columns.keySet())
						+ "))) FROM " + older.sql() + " WHERE _block_number <= " + this.copied;
				String copy = "SELECT count(), toString(sum(cityHash64(" + columns.entrySet()
					.stream()
					.map((column) -> "CAST(" + column.getKey() + ", " + Identifiers.literal(column.getValue()) + ")")
					.collect(Collectors.joining(", ")) + "))) FROM " + newer.sql();
				String expected = text(connection, copiedFrom);
				String found = text(connection, copy);
				if (!expected.equals(found)) {
					throw new IllegalStateException("the copy in " + newer.name() + " (rows, checksum: " + found
							+ ") differs from the rows of " + older.name() + " it was made from (" + expected + "), so "
							+ "nothing was exchanged. Rows copied were changed or deleted since (an ALTER UPDATE or "
							+ "DELETE, a TTL); drop " + newer.name() + ", create it again and run the migration again");
				}
				logger.info("Live copy {}: {} holds the {} rows of {} up to block {}, checksum equal", this.statement,
						newer.name(), found.split("\t")[0], older.name(), this.copied);
			}
		}

		private void exchange() throws SQLException {
			try (Connection connection = this.dataSource.getConnection()) {
				execute(connection, "EXCHANGE TABLES " + LiveCopy.this.source.sql() + " AND "
						+ LiveCopy.this.destination.sql(), this.prefix + "x");
			}
			logger.info("Live copy {}: {} exchanged with {}; inserts that began before now are waited for and their "
					+ "rows copied", this.statement, LiveCopy.this.source.name(), LiveCopy.this.destination.name());
		}

		// An insert that found the table by its name just before the exchange, but asked for the views
		// reading it just after, writes into the old table and feeds the views reading the old table's
		// new name: none, but for these bridges, one per materialized view reading the table, which
		// read the new table's name until the exchange (nothing inserts into it then) and the old
		// table's after it, and write where their view writes. Dropped once those inserts ended.
		private void bridgeViews(boolean create) throws SQLException {
			Table source = LiveCopy.this.source;
			Table destination = LiveCopy.this.destination;
			try (Connection connection = this.dataSource.getConnection()) {
				String database = text(connection, "SELECT " + ((source.database() != null)
						? Identifiers.literal(source.database()) : "currentDatabase()"));
				for (String[] view : views(connection, source)) {
					String bridge = quoted(view[0]) + "." + quoted(view[1] + "__live");
					if (!create) {
						execute(connection, "DROP VIEW IF EXISTS " + bridge, null);
						continue;
					}
					Matcher target = VIEW_TARGET.matcher(view[3]);
					Matcher from = Pattern.compile("(?i)\\b(FROM|JOIN)\\s+(" + Pattern.quote(database + "." + source.table())
							+ "|" + Pattern.quote(quoted(database) + "." + quoted(source.table())) + ")(?![\\w`$])")
						.matcher(view[2]);
					if (!target.find() || !from.find()) {
						logger.warn("Live copy {}: materialized view {}.{} reads {} but has no TO table or a query this "
								+ "copy can point elsewhere; an insert that began at the very moment of the exchange may "
								+ "not reach it", this.statement, view[0], view[1], source.name());
						continue;
					}
					String select = from.replaceAll((match) -> Matcher.quoteReplacement(match.group(1) + " "
							+ quoted(database) + "." + quoted(destination.table())));
					execute(connection, "CREATE MATERIALIZED VIEW IF NOT EXISTS " + bridge + " TO " + target.group(1)
							+ " AS " + select, null);
				}
			}
		}

		// Inserts that started before the exchange may still write into the old table: wait for them.
		private void awaitInsertsBefore(long since) throws SQLException, InterruptedException {
			long deadline = since + IN_FLIGHT_LIMIT.toNanos();
			boolean told = false;
			try (Connection connection = this.dataSource.getConnection()) {
				while (true) {
					double seconds = (System.nanoTime() - since) / 1e9;
					try (PreparedStatement query = connection.prepareStatement("SELECT query_id FROM system.processes "
							+ "WHERE query_kind = 'Insert' AND NOT startsWith(query_id, ?) AND elapsed >= ?")) {
						query.setString(1, this.prefix);
						query.setDouble(2, seconds);
						List<String> running = new ArrayList<>();
						try (ResultSet rows = query.executeQuery()) {
							while (rows.next()) {
								running.add(rows.getString(1));
							}
						}
						if (running.isEmpty()) {
							return;
						}
						if (System.nanoTime() > deadline) {
							throw new IllegalStateException("inserts that began before the exchange still run after "
									+ IN_FLIGHT_LIMIT.toMinutes() + " minutes (query ids " + running + "); their rows "
									+ "are copied when the migration runs again after they end");
						}
						if (!told) {
							logger.info("Live copy {}: waiting for {} insert(s) that began before the exchange: {}",
									this.statement, running.size(), running);
							told = true;
						}
					}
					Thread.sleep(POLL.toMillis());
				}
			}
		}

		private void execute(Connection connection, String sql, String queryId) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				StatementSettings.apply(statement, queryId, null, this.settings);
				statement.execute(sql);
			}
		}

	}

	// The columns both tables have that the new one takes in an INSERT, in its order, quoted, each
	// with its type in the old table.
	private static Map<String, String> columns(Connection connection, Table older, Table newer) throws SQLException {
		Map<String, String> columns = new LinkedHashMap<>();
		try (Statement query = connection.createStatement();
				ResultSet rows = query.executeQuery("SELECT n.name, o.type FROM (SELECT name, position FROM "
						+ "system.columns WHERE " + newer.where() + " AND default_kind IN ('', 'DEFAULT')) AS n INNER JOIN "
						+ "(SELECT name, type FROM system.columns WHERE " + older.where() + " AND default_kind != 'ALIAS') "
						+ "AS o ON n.name = o.name ORDER BY n.position")) {
			while (rows.next()) {
				columns.put(quoted(rows.getString(1)), rows.getString(2));
			}
		}
		if (columns.isEmpty()) {
			throw new IllegalStateException(older.name() + " and " + newer.name() + " have no column in common");
		}
		return columns;
	}

	// The materialized views fed by inserts into the table (not refreshable ones, not bridges):
	// database, name, query, CREATE statement.
	private static List<String[]> views(Connection connection, Table table) throws SQLException {
		List<String[]> views = new ArrayList<>();
		try (Statement query = connection.createStatement();
				ResultSet rows = query.executeQuery("SELECT database, name, as_select, create_table_query FROM "
						+ "system.tables WHERE engine = 'MaterializedView' AND (database, name) IN (SELECT "
						+ "arrayJoin(arrayZip(dependencies_database, dependencies_table)) FROM system.tables WHERE "
						+ table.where() + ") AND NOT endsWith(name, '__live') AND NOT match(create_table_query, "
						+ "'^CREATE MATERIALIZED VIEW \\\\S+ REFRESH ') ORDER BY database, name")) {
			while (rows.next()) {
				views.add(new String[] { rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4) });
			}
		}
		return views;
	}

	private static void checkEngines(Connection connection, Table older, Table newer) throws SQLException {
		String olderEngine = engine(connection, older);
		String newerEngine = engine(connection, newer);
		if (!TableEngines.copiesLive(olderEngine)) {
			throw new IllegalStateException(older.name() + " is " + olderEngine + ": a live copy reads a MergeTree "
					+ "table of one server by block number; for " + olderEngine + " pause the inserts and copy with "
					+ "INSERT ... SELECT, then EXCHANGE TABLES");
		}
		if (!TableEngines.copiesLive(newerEngine)) {
			throw new IllegalStateException(newer.name() + " is " + newerEngine + ": a live copy moves partitions into "
					+ "a MergeTree table of one server");
		}
	}

	private static String engine(Connection connection, Table table) throws SQLException {
		String engine = text(connection, "SELECT engine FROM system.tables WHERE " + table.where());
		if (engine.isEmpty()) {
			throw new IllegalStateException("table " + table.name() + " does not exist: the live copy exchanges two "
					+ "tables that exist");
		}
		return engine;
	}

	private static boolean folds(Connection connection, Table table) throws SQLException {
		return FOLDING.matcher(engine(connection, table)).find();
	}

	private static boolean marked(Connection connection, Table table) throws SQLException {
		return text(connection, "SELECT engine_full FROM system.tables WHERE " + table.where())
			.matches("(?s).*\\b" + MARK + " = (1|true)\\b.*");
	}

	private static long count(Connection connection, String sql) throws SQLException {
		String value = text(connection, sql);
		return value.isEmpty() ? 0 : Long.parseLong(value);
	}

	// The first row, its columns joined by tabs; empty when there is none.
	private static String text(Connection connection, String sql) throws SQLException {
		try (Statement query = connection.createStatement(); ResultSet rows = query.executeQuery(sql)) {
			if (!rows.next()) {
				return "";
			}
			int columns = rows.getMetaData().getColumnCount();
			StringBuilder text = new StringBuilder(String.valueOf(rows.getString(1)));
			for (int column = 2; column <= columns; column++) {
				text.append('\t').append(rows.getString(column));
			}
			return text.toString();
		}
	}

	// One name in backticks (a column's name may hold a dot).
	private static String quoted(String name) {
		return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
	}

	/**
	 * A table as the statement names it.
	 *
	 * @param database its database, or {@code null} for the connection's
	 * @param table its name
	 */
	private record Table(String database, String table) {

		static Table of(String first, String second) {
			return (second != null) ? new Table(StatementTarget.unquote(first), StatementTarget.unquote(second))
					: new Table(null, StatementTarget.unquote(first));
		}

		String name() {
			return (this.database != null) ? this.database + "." + this.table : this.table;
		}

		String sql() {
			return (this.database != null) ? quoted(this.database) + "." + quoted(this.table) : quoted(this.table);
		}

		// Its rows in system.tables, system.columns, system.parts.
		String where() {
			return "database = " + ((this.database != null) ? Identifiers.literal(this.database) : "currentDatabase()")
					+ " AND table = " + Identifiers.literal(this.table);
		}

	}

}
