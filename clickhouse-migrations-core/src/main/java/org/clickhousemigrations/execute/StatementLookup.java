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
import java.util.TreeMap;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.sql.ClickHouseErrors;
import org.clickhousemigrations.sql.Connections;
import org.clickhousemigrations.sql.Identifiers;
import org.clickhousemigrations.sql.Secrets;
import org.clickhousemigrations.sql.StatementTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks ClickHouse what became of a statement by its query id: while {@code system.processes}
 * shows it, waits for it; then reads {@code system.query_log}, after
 * {@code SYSTEM FLUSH LOGS} where the user may. With a cluster, both are read on every replica
 * through {@code clusterAllReplicas}. A statement that failed is not taken to have changed
 * nothing: the mutation it created is waited for ({@link Mutations}), and the rows a failed
 * {@code INSERT} wrote make it {@link Verdict.Kind#PARTIAL}. An {@code ON CLUSTER} statement that
 * timed out is followed in {@link DistributedDdlQueue}.
 */
final class StatementLookup {

	private static final Logger logger = LoggerFactory.getLogger(StatementLookup.class);

	private static final Duration POLL = Duration.ofMillis(500);

	private static final Duration SETTLE = Duration.ofSeconds(1);

	private final MigrationDatabase database;

	private final Mutations mutations;

	private final DistributedDdlQueue ddlQueue;

	StatementLookup(MigrationDatabase database, Retry retry, Secrets secrets) {
		this.database = database;
		this.mutations = new Mutations(retry, secrets);
		this.ddlQueue = new DistributedDdlQueue(retry);
	}

	/**
	 * What became of the statement (or Java step, {@code sql} {@code null}) with this identity, and
	 * what its failed attempts left behind.
	 * @param answer the error that prompted the question, or {@code null} when an earlier run left it
	 */
	Verdict verdict(StatementId id, String sql, Throwable answer, String statement) {
		try (Connection connection = this.database.dataSource().getConnection()) {
			if (answer != null && ClickHouseErrors.code(answer) == ErrorClasses.TIMEOUT_EXCEEDED
					&& StatementTarget.isOnCluster(sql) && this.database.cluster() != null) {
				return this.ddlQueue.await(connection, this.database.cluster(), ClickHouseErrors.describe(answer));
			}
			List<LoggedQuery> logged = logged(connection, id.prefix());
			return (sql != null) ? judge(connection, id, sql, logged, statement)
					: judgeJava(connection, id, logged, statement);
		}
		catch (SQLException ex) {
			return Verdict.unknown("ClickHouse could not be asked (" + ClickHouseErrors.describe(ex)
					+ "); the query log must be on (system.query_log) and readable by this user");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Verdict.unknown("interrupted while waiting for it to end");
		}
	}

	/**
	 * Every query whose id starts with {@code prefix}, in the order they ended, once none of them
	 * runs any more.
	 */
	List<LoggedQuery> logged(Connection connection, String prefix) throws SQLException, InterruptedException {
		awaitEnd(connection, prefix);
		flushLogs(connection);
		List<LoggedQuery> logged = read(connection, prefix);
		if (logged.isEmpty()) {
			// A request that reached the server a moment ago may not show yet: look once more.
			Thread.sleep(SETTLE.toMillis());
			awaitEnd(connection, prefix);
			flushLogs(connection);
			logged = read(connection, prefix);
		}
		return logged;
	}

	// Its progress, while it runs, is ProgressMonitor's to log: this says once that it waits.
	private void awaitEnd(Connection connection, String prefix) throws SQLException, InterruptedException {
		boolean told = false;
		while (true) {
			try (PreparedStatement query = connection.prepareStatement("SELECT query_id, elapsed FROM "
					+ table("processes") + " WHERE startsWith(query_id, ?)")) {
				query.setString(1, prefix);
				try (ResultSet running = query.executeQuery()) {
					if (!running.next()) {
						return;
					}
					if (!told) {
						logger.info("Waiting for statement {} on database '{}', still running in ClickHouse after {} s",
								running.getString(1), this.database.name(), Math.round(running.getDouble(2)));
						told = true;
					}
				}
			}
			Thread.sleep(POLL.toMillis());
		}
	}

	/** {@code SYSTEM FLUSH LOGS}, where the user may: without the privilege, logs are flushed every few seconds. */
	void flushLogs(Connection connection) {
		try (Statement statement = connection.createStatement()) {
			statement.execute("SYSTEM FLUSH LOGS");
		}
		catch (SQLException ex) {
			// Without the privilege the log is flushed every few seconds anyway.
			logger.debug("SYSTEM FLUSH LOGS refused on database '{}': {}", this.database.name(),
					ClickHouseErrors.describe(ex));
		}
	}

	private List<LoggedQuery> read(Connection connection, String prefix) throws SQLException {
		List<LoggedQuery> logged = new ArrayList<>();
		try (PreparedStatement query = connection.prepareStatement("SELECT query_id, toString(type), exception, "
				+ "written_rows, query, toUnixTimestamp(query_start_time), toUnixTimestamp(event_time) FROM "
				+ table("query_log") + " WHERE startsWith(query_id, ?) ORDER BY event_time_microseconds")) {
			query.setString(1, prefix);
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					logged.add(new LoggedQuery(rows.getString(1), rows.getString(2), String.valueOf(rows.getString(3)),
							rows.getLong(4), String.valueOf(rows.getString(5)), rows.getLong(6), rows.getLong(7)));
				}
			}
		}
		return logged;
	}

	// A SQL statement: done when an attempt finished; else what its failed attempts left behind.
	private Verdict judge(Connection connection, StatementId id, String sql, List<LoggedQuery> logged,
			String statement) throws SQLException, InterruptedException {
		int lastAttempt = logged.stream().mapToInt((row) -> row.attempt(id)).max().orElse(0);
		if (logged.stream().anyMatch((row) -> row.finished() && row.isStatement(id))) {
			return Verdict.finished(lastAttempt);
		}
		List<LoggedQuery> failed = logged.stream().filter(LoggedQuery::failed).toList();
		if (failed.isEmpty()) {
			return logged.isEmpty() ? new Verdict(Verdict.Kind.NOT_STARTED, lastAttempt, "")
					: Verdict.unknown("it started (query id " + id.prefix() + lastAttempt + ") but neither finished "
							+ "nor failed in system.query_log; the server may have restarted while it ran");
		}
		return leftBehind(connection, sql, failed, statement).withLastAttempt(lastAttempt);
	}

	// A Java step: done when its end marker finished; else it is replayed, its finished writes skipped.
	private Verdict judgeJava(Connection connection, StatementId id, List<LoggedQuery> logged, String statement)
			throws SQLException, InterruptedException {
		int lastAttempt = logged.stream().mapToInt((row) -> row.attempt(id)).max().orElse(0);
		if (logged.stream().anyMatch((row) -> row.finished() && row.isJavaDone())) {
			return Verdict.finished(lastAttempt);
		}
		if (logged.isEmpty()) {
			return new Verdict(Verdict.Kind.NOT_STARTED, lastAttempt, "");
		}
		Map<Integer, String> finished = new TreeMap<>();
		Map<Integer, List<LoggedQuery>> failedWrites = new TreeMap<>();
		Map<Integer, LoggedQuery> started = new TreeMap<>();
		for (LoggedQuery row : logged) {
			int write = row.javaWrite();
			if (write == 0) {
				continue;
			}
			if (row.finished()) {
				finished.put(write, row.javaWriteChecksum());
			}
			else if (row.failed()) {
				failedWrites.computeIfAbsent(write, (n) -> new ArrayList<>()).add(row);
			}
			else {
				started.put(write, row);
			}
		}
		for (Map.Entry<Integer, LoggedQuery> write : started.entrySet()) {
			boolean ended = finished.containsKey(write.getKey()) || failedWrites.containsKey(write.getKey());
			if (!ended) {
				return Verdict.unknown("write " + write.getKey() + " of the Java step (query id "
						+ write.getValue().queryId() + ") started but neither finished nor failed in system.query_log; "
						+ "the server may have restarted while it ran");
			}
		}
		for (Map.Entry<Integer, List<LoggedQuery>> write : failedWrites.entrySet()) {
			if (finished.containsKey(write.getKey())) {
				continue;
			}
			List<LoggedQuery> failed = write.getValue();
			Verdict left = leftBehind(connection, failed.get(0).query(), failed,
					"write " + write.getKey() + " of " + statement);
			switch (left.kind()) {
				case FINISHED -> finished.put(write.getKey(), failed.get(0).javaWriteChecksum());
				case FAILED -> {
				}
				default -> {
					return new Verdict(left.kind(), lastAttempt, "write " + write.getKey() + " of the Java step "
							+ "(" + MigrationStep.sql(failed.get(0).query()).label() + "): " + left.detail());
				}
			}
		}
		return new Verdict(Verdict.Kind.FAILED, lastAttempt, "the Java step stopped after " + finished.size()
				+ " of its writes finished", finished);
	}

	/**
	 * What the failed attempts of a statement left behind: a mutation (waited for), rows written,
	 * or nothing.
	 */
	private Verdict leftBehind(Connection connection, String sql, List<LoggedQuery> failed, String statement)
			throws SQLException, InterruptedException {
		String error = ClickHouseErrors.describe(new SQLException(failed.get(failed.size() - 1).exception()));
		StatementTarget target = StatementTarget.of(sql).orElse(null);
		String database = Connections.database(connection);
		if (target != null && target.mayMutate()) {
			Verdict mutation = this.mutations.await(connection, sql, target, database, failed, statement);
			if (mutation != null) {
				return mutation;
			}
		}
		long written = failed.stream().mapToLong(LoggedQuery::writtenRows).sum();
		if (written > 0) {
			String table = (target != null) ? target.qualifiedName(database) : "its tables";
			return new Verdict(Verdict.Kind.PARTIAL, 0, "it failed after writing up to " + written + " row"
					+ ((written == 1) ? "" : "s") + " into " + table + ", which ClickHouse keeps (no transactions): "
					+ error + ". Running it again would write them twice. "
					+ "Remove them and run repair with clickhouse.migrations.outcome=did-not-run (the next run runs it "
					+ "again in full), or keep them and run repair with clickhouse.migrations.outcome=ran");
		}
		return new Verdict(Verdict.Kind.FAILED, 0, error);
	}

	private String table(String name) {
		return systemTable(this.database.cluster(), name);
	}

	/** A system table of this server, or of every replica of the cluster. */
	static String systemTable(String cluster, String name) {
		return (cluster == null || cluster.isBlank()) ? "system." + name
				: "clusterAllReplicas(" + Identifiers.literal(cluster) + ", system." + name + ")";
	}

}
