package org.clickhousemigrations.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.clickhousemigrations.sql.Identifiers;
import org.clickhousemigrations.sql.StatementSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a {@link LiveCopy}: it finds where an earlier attempt or run stopped (the table that
 * keeps block numbers tells the side of the exchange, {@code system.query_log} the ranges copied,
 * the staging table a range copied but not yet moved), copies in passes, compares, exchanges,
 * waits for the inserts that began before the exchange and copies their rows.
 */
final class LiveCopyRun {

	private static final Logger logger = LoggerFactory.getLogger(LiveCopyRun.class);

	private static final Pattern CHUNK = Pattern.compile("_l(\\d+)_(\\d+)$");

	private static final int PASSES = 4;

	private static final Duration POLL = Duration.ofMillis(200);

	private static final Duration IN_FLIGHT_LIMIT = Duration.ofMinutes(30);

	private final LiveTable source;

	private final LiveTable destination;

	private final long chunkRows;

	private final ViewBridges bridges;

	private final DataSource dataSource;

	private final String prefix;

	private final Map<String, String> settings;

	private final StatementLookup lookup;

	private final long rowsPerSecond;

	private final String statement;

	private final LiveTable staging;

	// Every block up to this one is in the new table.
	private long copied;

	private long copiedRows;

	// Partitions moved by this run, for their query ids.
	private int moves;

	/**
	 * @param copy what the statement asks for
	 * @param prefix what the query ids of its chunks and exchange start with
	 * @param settings the statement's settings (a migration file's {@code SET} statements)
	 * @param rowsPerSecond the most rows a second the copy writes, 0 for no limit
	 * @param statement how logs name the statement
	 */
	LiveCopyRun(LiveCopy copy, DataSource dataSource, String prefix, Map<String, String> settings,
			StatementLookup lookup, long rowsPerSecond, String statement) {
		this.source = copy.source();
		this.destination = copy.destination();
		this.chunkRows = copy.chunkRows();
		this.bridges = new ViewBridges(dataSource, this.source, this.destination, statement);
		this.rowsPerSecond = rowsPerSecond;
		this.dataSource = dataSource;
		this.prefix = prefix;
		this.settings = settings;
		this.lookup = lookup;
		this.statement = statement;
		this.staging = new LiveTable(this.destination.database(), this.destination.table() + "__copy");
	}

	/** Copies, exchanges and catches up, going on from where an earlier attempt or run stopped. */
	void go() throws SQLException, InterruptedException {
		List<LoggedQuery> logged;
		boolean exchanged;
		try (Connection connection = this.dataSource.getConnection()) {
			logged = this.lookup.logged(connection, this.prefix);
			boolean sourceMarked = this.source.keepsBlockNumbers(connection);
			boolean destinationMarked = this.destination.keepsBlockNumbers(connection);
			if (destinationMarked && (sourceMarked || logged.isEmpty())) {
				throw new IllegalStateException(this.destination.name() + " keeps block numbers ("
						+ LiveTable.BLOCK_NUMBERS + " = 1) before the copy began: the live copy uses that setting to tell "
						+ "which table holds the old rows; create " + this.destination.name() + " without it");
			}
			exchanged = destinationMarked;
			LiveTable older = exchanged ? this.destination : this.source;
			LiveTable newer = exchanged ? this.source : this.destination;
			LiveTable.checkEngines(connection, older, newer);
			if (logged.isEmpty() && !exchanged) {
				long rows = LiveTable.count(connection, "SELECT count() FROM " + newer.sql());
				if (rows > 0) {
					throw new IllegalStateException(newer.name() + " holds " + rows + " rows: a live copy fills an "
							+ "empty table; truncate it (or drop and create it again) if they are a stale copy");
				}
			}
			if (!sourceMarked && !exchanged) {
				execute(connection, "ALTER TABLE " + older.sql() + " MODIFY SETTING " + LiveTable.BLOCK_NUMBERS + " = 1",
						null);
			}
			execute(connection, "CREATE TABLE IF NOT EXISTS " + this.staging.sql() + " AS " + newer.sql(), null);
			settle(connection, logged, newer);
		}
		if (!exchanged) {
			for (int pass = 1; pass <= PASSES; pass++) {
				if (copyPass(this.source, this.destination, "pass " + pass) <= 1) {
					break;
				}
			}
			verify();
			this.bridges.create();
			exchange();
		}
		awaitInsertsBeforeNow();
		copyPass(this.destination, this.source, "after the exchange");
		try (Connection connection = this.dataSource.getConnection()) {
			execute(connection, "DROP TABLE IF EXISTS " + this.staging.sql(), null);
		}
		this.bridges.reportMissed(this.prefix + "x", this.lookup);
		this.bridges.drop();
		logger.info("Live copy {} done: {} has the new layout and every row of the old table, now {}, which a later "
				+ "migration can drop; {} rows copied by this run", this.statement, this.source.name(),
				this.destination.name(), this.copiedRows);
	}

	// Where an earlier run stopped: the highest range that finished; a range that finished but
	// whose staged rows were not all moved is moved on, one that did not finish is thrown away.
	private void settle(Connection connection, List<LoggedQuery> logged, LiveTable newer)
			throws SQLException, InterruptedException {
		Resume resume = Resume.of(logged);
		this.copied = resume.copied();
		if (LiveTable.count(connection, "SELECT count() FROM " + this.staging.sql()) > 0) {
			if (resume.lastFinished()) {
				logger.info("Live copy {}: moving the staged rows of {} into {}", this.statement, resume.last(),
						newer.name());
				move(connection, newer);
			}
			else {
				execute(connection, "TRUNCATE TABLE " + this.staging.sql(), null);
			}
		}
	}

	/**
	 * What the query log says of earlier attempts and runs.
	 *
	 * @param copied every block up to this one is in the new table (or staged, if the last range)
	 * @param last the query id of the last range sent, or {@code null}
	 * @param lastFinished whether it finished, so that what is staged is its rows
	 */
	record Resume(long copied, String last, boolean lastFinished) {

		static Resume of(List<LoggedQuery> logged) {
			long copied = 0;
			// Ranges run one after the other, so the last one logged is the last one sent.
			String last = null;
			for (LoggedQuery query : logged) {
				Matcher chunk = CHUNK.matcher(query.queryId());
				if (chunk.find()) {
					last = query.queryId();
					if (query.finished()) {
						copied = Math.max(copied, Long.parseLong(chunk.group(2)));
					}
				}
			}
			String lastSent = last;
			return new Resume(copied, last,
					logged.stream().anyMatch((query) -> query.queryId().equals(lastSent) && query.finished()));
		}

	}

	// Copies the blocks of older past what is copied, up to its newest block now; the chunks it took.
	private int copyPass(LiveTable older, LiveTable newer, String pass) throws SQLException, InterruptedException {
		List<long[]> chunks;
		String columns;
		try (Connection connection = this.dataSource.getConnection()) {
			long newest = LiveTable.count(connection, "SELECT max(max_block_number) FROM system.parts WHERE active AND "
					+ older.where());
			if (newest <= this.copied) {
				return 0;
			}
			chunks = plan(connection, older, newest);
			columns = String.join(", ", LiveTable.columns(connection, older, newer).keySet());
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
	private List<long[]> plan(Connection connection, LiveTable older, long newest) throws SQLException {
		List<long[]> chunks = new ArrayList<>();
		long from = this.copied;
		long rows = 0;
		long last = from;
		try (Statement query = connection.createStatement();
				ResultSet blocks = query.executeQuery("SELECT _block_number, count() FROM " + older.sql()
						+ " WHERE " + blocks(this.copied, newest) + " GROUP BY _block_number ORDER BY _block_number")) {
			while (blocks.next()) {
				last = blocks.getLong(1);
				rows += blocks.getLong(2);
				if (rows >= this.chunkRows) {
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
	private long copy(LiveTable older, LiveTable newer, String columns, long from, long to)
			throws SQLException, InterruptedException {
		// Not finished: the staged rows are thrown away when the statement runs again.
		long written = ChunkedCopy.insert(this.dataSource, "INSERT INTO " + this.staging.sql() + " (" + columns
				+ ") SELECT " + columns + " FROM " + older.sql() + " WHERE " + blocks(from, to),
				this.prefix + from + "_" + to, null, this.settings, this.lookup);
		try (Connection connection = this.dataSource.getConnection()) {
			move(connection, newer);
		}
		return written;
	}

	// The rows of the blocks (from, to]; the first range takes block 0 too (an attached part may have it).
	private static String blocks(long from, long to) {
		return ((from == 0) ? "_block_number >= 0" : "_block_number > " + from) + " AND _block_number <= " + to;
	}

	// Moves every partition of the staging table into the new table; one that moved is gone from it.
	private void move(Connection connection, LiveTable newer) throws SQLException {
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
					+ Identifiers.literal(partition) + " TO TABLE " + newer.sql(), this.prefix + "m" + (++this.moves));
		}
	}

	// The rows copied against the rows they came from, before anything is exchanged.
	private void verify() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			LiveTable older = this.source;
			LiveTable newer = this.destination;
			if (older.folds(connection) || newer.folds(connection)) {
				logger.info("Live copy {}: {} or {} folds rows as it merges, so the copy is not compared row by "
						+ "row with its source", this.statement, older.name(), newer.name());
				return;
			}
			// The copy's values in the types of the rows they came from, should the new table's differ.
			Map<String, String> columns = LiveTable.columns(connection, older, newer);
			String copiedFrom = "SELECT count(), toString(sum(cityHash64(" + String.join(", ", columns.keySet())
					+ "))) FROM " + older.sql() + " WHERE _block_number <= " + this.copied;
			String copy = "SELECT count(), toString(sum(cityHash64(" + columns.entrySet()
				.stream()
				.map((column) -> "CAST(" + column.getKey() + ", " + Identifiers.literal(column.getValue()) + ")")
				.collect(Collectors.joining(", ")) + "))) FROM " + newer.sql();
			String expected = LiveTable.text(connection, copiedFrom);
			String found = LiveTable.text(connection, copy);
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
			execute(connection, "EXCHANGE TABLES " + this.source.sql() + " AND "
					+ this.destination.sql(), this.prefix + "x");
		}
		logger.info("Live copy {}: {} exchanged with {}; inserts that began before now are waited for and their "
				+ "rows copied", this.statement, this.source.name(), this.destination.name());
	}

	// Inserts that started before now, so before the exchange, may still write into the old table: wait for them.
	private void awaitInsertsBeforeNow() throws SQLException, InterruptedException {
		long since = System.nanoTime();
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
		StatementSettings.execute(connection, sql, queryId, null, this.settings);
	}

}
