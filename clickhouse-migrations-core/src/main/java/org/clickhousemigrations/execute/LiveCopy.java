package org.clickhousemigrations.execute;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.clickhousemigrations.sql.StatementTarget;

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
final class LiveCopy implements ChunkedCopy {

	/** The chunk size when the directive names none. */
	static final long DEFAULT_CHUNK_ROWS = 1_000_000;

	private static final Pattern DIRECTIVE = Pattern.compile(
			"(?m)^[ \\t]*--[ \\t]*copy:[ \\t]*live(?:[ \\t]*,[ \\t]*chunks[ \\t]+of[ \\t]+([0-9_]+)[ \\t]+rows)?"
					+ "[ \\t]*;?[ \\t]*$");

	private static final String TABLE = "(" + StatementTarget.NAME + ")(?:\\s*\\.\\s*(" + StatementTarget.NAME + "))?";

	private static final Pattern EXCHANGE = Pattern.compile("(?is)EXCHANGE\\s+TABLES\\s+" + TABLE + "\\s+AND\\s+" + TABLE
			+ "\\s*;?\\s*");

	private final LiveTable source;

	private final LiveTable destination;

	private final long chunkRows;

	private LiveCopy(LiveTable source, LiveTable destination, long chunkRows) {
		this.source = source;
		this.destination = destination;
		this.chunkRows = chunkRows;
	}

	/**
	 * The live copy a statement asks for, or empty when its leading comments hold no directive.
	 * @throws IllegalArgumentException when the statement is not {@code EXCHANGE TABLES a AND b}
	 */
	static Optional<LiveCopy> of(String sql) {
		MatchResult directive = StatementTarget.directive(sql, DIRECTIVE).orElse(null);
		if (directive == null) {
			return Optional.empty();
		}
		Matcher exchange = EXCHANGE.matcher(StatementTarget.withoutLeadingComments(sql));
		if (!exchange.matches()) {
			throw new IllegalArgumentException("'-- copy: live' stands above a statement that is not EXCHANGE TABLES "
					+ "<table> AND <new table> (without ON CLUSTER): write the exchange it copies before");
		}
		long chunkRows = (directive.group(1) != null) ? Long.parseLong(directive.group(1).replace("_", ""))
				: DEFAULT_CHUNK_ROWS;
		if (chunkRows < 1) {
			throw new IllegalArgumentException("'-- copy: live' needs chunks of at least 1 row");
		}
		return Optional.of(new LiveCopy(LiveTable.of(exchange.group(1), exchange.group(2)),
				LiveTable.of(exchange.group(3), exchange.group(4)), chunkRows));
	}

	/** The table whose rows are copied, as the statement names it. */
	LiveTable source() {
		return this.source;
	}

	/** The new table, as the statement names it. */
	LiveTable destination() {
		return this.destination;
	}

	/** How many rows a chunk holds, about. */
	long chunkRows() {
		return this.chunkRows;
	}

	@Override
	public String chunkPrefix(StatementId id) {
		return id.base() + "_l";
	}

	@Override
	public String failureNote() {
		return "a live copy of " + this.source.name() + " into " + this.destination.name() + " by ranges of insert "
				+ "blocks, each staged and moved in whole, compared before the exchange; after a failure, a kill or a "
				+ "lost answer it goes on from the first range not copied, on whichever side of the exchange";
	}

	/**
	 * Copies, exchanges and catches up, going on from where an earlier attempt or run stopped (the
	 * server says where: {@code sql} and {@code ranBefore} are not needed), at most
	 * {@code limits.rowsPerSecond()} rows a second, one chunk at a time.
	 */
	@Override
	public void run(DataSource dataSource, String sql, StatementId id, Map<String, String> settings,
			StatementLookup lookup, boolean ranBefore, CopyLimits limits, String statement)
			throws SQLException, InterruptedException {
		new LiveCopyRun(this, dataSource, chunkPrefix(id), settings, lookup, limits.rowsPerSecond(), statement).go();
	}

}
