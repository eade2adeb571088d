package org.clickhousemigrations.execute;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.clickhousemigrations.sql.StatementSettings;
import org.slf4j.LoggerFactory;

/**
 * A statement its directive makes a copy in chunks, each recorded so that a failure, a kill or a
 * lost answer goes on where the copy stopped: a {@link Backfill} or a {@link LiveCopy}. The
 * executor runs it, watches it and judges it the same way whichever it is.
 */
sealed interface ChunkedCopy permits Backfill, LiveCopy {

	/**
	 * The copy a statement asks for, or empty when its leading comments hold no directive.
	 * @throws IllegalArgumentException when a directive stands above a statement it cannot copy
	 */
	static Optional<ChunkedCopy> of(String sql) {
		if (sql == null) {
			return Optional.empty();
		}
		Optional<ChunkedCopy> backfill = Backfill.of(sql).map(ChunkedCopy.class::cast);
		return backfill.isPresent() ? backfill : LiveCopy.of(sql).map(ChunkedCopy.class::cast);
	}

	/** The query ids whose progress shows for the statement: its chunks' if it is a copy, else its attempts'. */
	static String watched(String sql, StatementId id) {
		return of(sql).map((copy) -> copy.chunkPrefix(id)).orElse(id.prefix());
	}

	/**
	 * Sends one chunk's INSERT, with a query id of its own, on a connection of its own from the
	 * pool; when its answer is lost, asks the query log whether it finished instead of sending it again.
	 * @param deduplicationToken its {@code insert_deduplication_token}, or {@code null}
	 * @return the rows it wrote (those of views included)
	 * @throws SQLException ClickHouse's answer, when the chunk did not finish
	 */
	static long insert(DataSource dataSource, String sql, String queryId, String deduplicationToken,
			Map<String, String> settings, StatementLookup lookup) throws SQLException, InterruptedException {
		try (Connection connection = dataSource.getConnection(); Statement insert = connection.createStatement()) {
			StatementSettings.apply(insert, queryId, deduplicationToken, settings);
			return Math.max(0, insert.executeLargeUpdate(sql));
		}
		catch (SQLException | RuntimeException ex) {
			if (ErrorClasses.of(ex, sql) == ErrorClasses.Handling.LOOK_UP) {
				try (Connection connection = dataSource.getConnection()) {
					for (LoggedQuery query : lookup.logged(connection, queryId)) {
						if (query.finished()) {
							LoggerFactory.getLogger(ChunkedCopy.class)
								.info("Chunk {}: its answer was lost, and ClickHouse says it finished", queryId);
							return query.writtenRows();
						}
					}
				}
			}
			throw ex;
		}
	}

	/** What the query ids of the copy's chunks (and of its other statements) start with. */
	String chunkPrefix(StatementId id);

	/** What happens when it fails, as the dry run says it. */
	String failureNote();

	/**
	 * Copies what is left to copy, going on from where an earlier attempt or run stopped.
	 * @param sql the statement, placeholders resolved
	 * @param settings the statement's settings (a migration file's {@code SET} statements)
	 * @param lookup what tells which chunks finished
	 * @param ranBefore whether the step ran before (an earlier attempt or run)
	 * @param limits how hard the copy may press on ClickHouse
	 * @param statement how logs name the statement
	 */
	void run(DataSource dataSource, String sql, StatementId id, Map<String, String> settings, StatementLookup lookup,
			boolean ranBefore, CopyLimits limits, String statement) throws SQLException, InterruptedException;

}
