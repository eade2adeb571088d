package org.clickhousemigrations.execute;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.clickhousemigrations.model.Checksums;
import org.clickhousemigrations.sql.Identifiers;
import org.clickhousemigrations.sql.StatementTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backfill: an {@code INSERT INTO t SELECT ... FROM source} whose leading comments hold
 * {@code -- backfill: by <expression>}, copied in chunks, one per distinct value of the expression
 * over the rows of {@code source}. Each chunk is the statement itself, its reads of {@code source}
 * narrowed to the chunk by {@code additional_table_filters}, written as one block (so a failed
 * chunk wrote nothing), with a query id and deduplication token of its own. A run looks up which
 * chunks finished in an earlier attempt or run ({@code system.query_log}) and copies the others,
 * so a failure, a kill or a lost answer resumes at the first unfinished chunk, and materialized
 * views fed by the target see every row once.
 */
final class Backfill implements ChunkedCopy {

	private static final Logger logger = LoggerFactory.getLogger(Backfill.class);

	private static final Pattern DIRECTIVE = Pattern.compile("(?m)^[ \\t]*--[ \\t]*backfill:[ \\t]*by[ \\t]+(.+?)[ \\t]*;?$");

	private static final Pattern SOURCE = Pattern.compile("(?is)\\bSELECT\\b.*?\\bFROM\\s+(" + StatementTarget.NAME
			+ "(?:\\." + StatementTarget.NAME + ")?)");

	// Squashed into one block until the chunk's last row: one part per partition, written at the end.
	private static final String ONE_BLOCK = "18446744073709551615";

	private final String chunkBy;

	private final String source;

	private Backfill(String chunkBy, String source) {
		this.chunkBy = chunkBy;
		this.source = source;
	}

	/**
	 * The backfill a statement asks for, or empty when its leading comments hold no directive.
	 * @throws IllegalArgumentException when the statement is not an {@code INSERT ... SELECT ... FROM} a table
	 */
	static Optional<Backfill> of(String sql) {
		MatchResult directive = StatementTarget.directive(sql, DIRECTIVE).orElse(null);
		if (directive == null) {
			return Optional.empty();
		}
		String statement = StatementTarget.withoutLeadingComments(sql);
		Matcher source = SOURCE.matcher(statement);
		if (!StatementTarget.isInsert(statement) || !source.find()) {
			throw new IllegalArgumentException("'-- backfill: by " + directive.group(1) + "' stands above a statement "
					+ "that is not INSERT INTO <table> SELECT ... FROM <source>: write the backfill as one");
		}
		return Optional.of(new Backfill(directive.group(1), source.group(1).replace("`", "").replace("\"", "")));
	}

	@Override
	public String chunkPrefix(StatementId id) {
		return id.base() + "_c";
	}

	@Override
	public String failureNote() {
		return "a backfill in chunks by " + this.chunkBy + ", each one block with a query id of its own; after a "
				+ "failure, a kill or a lost answer it goes on from the first unfinished chunk";
	}

	/** The expression chunks are made by. */
	String chunkBy() {
		return this.chunkBy;
	}

	/**
	 * Copies every chunk that has not finished, each on a connection of its own from the pool, as
	 * many at once as {@code limits} say; a chunk whose answer is lost is looked up, not sent again.
	 * Only when the step ran before are the chunks that finished looked up first.
	 */
	@Override
	public void run(DataSource dataSource, String sql, StatementId id, Map<String, String> settings,
			StatementLookup lookup, boolean ranBefore, CopyLimits limits, String statement)
			throws SQLException, InterruptedException {
		String prefix = chunkPrefix(id);
		List<Chunk> chunks;
		Map<String, Long> finished = new HashMap<>();
		try (Connection connection = dataSource.getConnection()) {
			chunks = plan(connection);
			for (LoggedQuery query : ranBefore ? lookup.logged(connection, prefix) : List.<LoggedQuery>of()) {
				if (query.finished()) {
					finished.put(query.queryId(), query.writtenRows());
				}
			}
		}
		List<Chunk> left = new ArrayList<>();
		long before = 0;
		for (Chunk chunk : chunks) {
			Long written = finished.get(queryId(prefix, chunk));
			if (written != null) {
				before += written;
			}
			else {
				left.add(chunk);
			}
		}
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(limits.parallelism(), left.size())),
				(task) -> new Thread(task, "clickhouse-migrations-backfill"));
		try (ChunkProgress progress = new ChunkProgress("Backfill " + statement, prefix, chunks.size(),
				chunks.size() - left.size(), before, limits.rowsPerSecond())) {
			List<Future<?>> copies = new ArrayList<>();
			for (Chunk chunk : left) {
				copies.add(pool.submit(() -> {
					long chunkStarted = System.nanoTime();
					// One block: a chunk that did not finish wrote nothing, and runs again with the step.
					String queryId = queryId(prefix, chunk);
					long written = ChunkedCopy.insert(dataSource, sql, queryId, queryId, chunkSettings(settings, chunk),
							lookup);
					progress.done(this.chunkBy + " = " + chunk.value(), written, chunkStarted);
					progress.pace();
					return null;
				}));
			}
			// Every chunk already sent is waited for (ClickHouse finishes it anyway); the first failure is thrown.
			Exception failure = null;
			for (Future<?> copy : copies) {
				try {
					copy.get();
				}
				catch (ExecutionException ex) {
					if (failure == null) {
						failure = (ex.getCause() instanceof Exception cause) ? cause : ex;
						copies.forEach((each) -> each.cancel(false));
					}
				}
				catch (CancellationException ex) {
					// Not started after the failure: it runs in the next attempt.
				}
			}
			if (failure instanceof SQLException sqlFailure) {
				throw sqlFailure;
			}
			if (failure instanceof RuntimeException runtimeFailure) {
				throw runtimeFailure;
			}
			if (failure != null) {
				throw new IllegalStateException(failure);
			}
			logger.info("Backfill {} done: {} chunks by {} ({} copied now, {} before), {} rows written (views "
					+ "included)", statement, chunks.size(), this.chunkBy, left.size(), chunks.size() - left.size(),
					progress.rows());
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static String queryId(String prefix, Chunk chunk) {
		return prefix + Checksums.of(chunk.type() + ":" + chunk.value()).substring(0, 16);
	}

	private Map<String, String> chunkSettings(Map<String, String> settings, Chunk chunk) {
		Map<String, String> all = new LinkedHashMap<>(settings);
		String filter = "(" + this.chunkBy + ") = CAST(" + Identifiers.literal(chunk.value()) + ", "
				+ Identifiers.literal(chunk.type()) + ")";
		all.put("additional_table_filters",
				"{" + Identifiers.literal(this.source) + ": " + Identifiers.literal(filter) + "}");
		all.put("max_insert_threads", "1");
		all.put("min_insert_block_size_rows", ONE_BLOCK);
		all.put("min_insert_block_size_bytes", ONE_BLOCK);
		all.put("min_insert_block_size_rows_for_materialized_views", ONE_BLOCK);
		all.put("min_insert_block_size_bytes_for_materialized_views", ONE_BLOCK);
		return all;
	}

	/** The chunks, in the order of their values. */
	List<Chunk> plan(Connection connection) throws SQLException {
		List<Chunk> chunks = new ArrayList<>();
		try (Statement query = connection.createStatement();
				ResultSet values = query.executeQuery("SELECT toString(v), toTypeName(v) FROM (SELECT DISTINCT ("
						+ this.chunkBy + ") AS v FROM " + this.source + ") ORDER BY v")) {
			while (values.next()) {
				chunks.add(new Chunk(values.getString(1), values.getString(2)));
			}
		}
		return chunks;
	}

	/**
	 * One chunk: the rows of the source whose expression has this value.
	 *
	 * @param value the value, as {@code toString} shows it
	 * @param type its ClickHouse type
	 */
	record Chunk(String value, String type) {
	}

}
