package org.clickhousemigrations.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.sql.ClickHouseErrors;
import org.clickhousemigrations.sql.Identifiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks ClickHouse what became of a statement by its query id: while {@code system.processes}
 * shows it, waits for it; then reads {@code system.query_log}, after
 * {@code SYSTEM FLUSH LOGS} where the user may. With a cluster, both are read on every replica
 * through {@code clusterAllReplicas}.
 */
final class QueryLogOutcomes {

	private static final Logger logger = LoggerFactory.getLogger(QueryLogOutcomes.class);

	private static final Duration POLL = Duration.ofMillis(500);

	private static final Duration SETTLE = Duration.ofSeconds(1);

	private final MigrationDatabase database;

	QueryLogOutcomes(MigrationDatabase database) {
		this.database = database;
	}

	Outcome outcome(StatementId id, boolean java) {
		try (Connection connection = this.database.dataSource().getConnection()) {
			awaitEnd(connection, id);
			flushLogs(connection);
			Outcome outcome = read(connection, id, java);
			if (outcome.kind() != Outcome.Kind.NOT_STARTED) {
				return outcome;
			}
			// A request that reached the server a moment ago may not show yet: look once more.
			Thread.sleep(SETTLE.toMillis());
			awaitEnd(connection, id);
			flushLogs(connection);
			return read(connection, id, java);
		}
		catch (SQLException ex) {
			return Outcome.unknown("ClickHouse could not be asked (" + ClickHouseErrors.describe(ex)
					+ "); the query log must be on (system.query_log) and readable by this user");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Outcome.unknown("interrupted while waiting for it to end");
		}
	}

	// Its progress, while it runs, is ProgressMonitor's to log: this says once that it waits.
	private void awaitEnd(Connection connection, StatementId id) throws SQLException, InterruptedException {
		boolean told = false;
		while (true) {
			try (PreparedStatement query = connection.prepareStatement("SELECT query_id, elapsed FROM "
					+ table("processes") + " WHERE startsWith(query_id, ?)")) {
				query.setString(1, id.prefix());
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

	private void flushLogs(Connection connection) {
		try (Statement statement = connection.createStatement()) {
			statement.execute("SYSTEM FLUSH LOGS");
		}
		catch (SQLException ex) {
			// Without the privilege the log is flushed every few seconds anyway.
			logger.debug("SYSTEM FLUSH LOGS refused on database '{}': {}", this.database.name(),
					ClickHouseErrors.describe(ex));
		}
	}

	private Outcome read(Connection connection, StatementId id, boolean java) throws SQLException {
		int lastAttempt = 0;
		boolean finished = false;
		boolean started = false;
		String error = null;
		try (PreparedStatement query = connection.prepareStatement("SELECT query_id, toString(type), exception FROM "
				+ table("query_log") + " WHERE startsWith(query_id, ?) ORDER BY event_time_microseconds")) {
			query.setString(1, id.prefix());
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					String queryId = rows.getString(1);
					String type = rows.getString(2);
					int attempt = attempt(queryId, id);
					lastAttempt = Math.max(lastAttempt, attempt);
					boolean marker = queryId.endsWith("_done");
					if (type.equals("QueryFinish") && (java ? marker : queryId.equals(id.attempt(attempt).queryId()))) {
						return Outcome.finished(attempt);
					}
					started = true;
					if (type.startsWith("Exception")) {
						error = rows.getString(3);
					}
				}
			}
		}
		if (java && started) {
			return Outcome.unknown("the Java step sent statements (query ids starting " + id.prefix()
					+ ") but its code never reported that it ended");
		}
		if (error != null) {
			return new Outcome(Outcome.Kind.FAILED, lastAttempt, error);
		}
		if (started) {
			return Outcome.unknown("it started (query id " + id.prefix() + lastAttempt + ") but neither finished nor "
					+ "failed in system.query_log; the server may have restarted while it ran");
		}
		return new Outcome(Outcome.Kind.NOT_STARTED, lastAttempt, "");
	}

	private static int attempt(String queryId, StatementId id) {
		String rest = queryId.substring(id.prefix().length());
		int end = 0;
		while (end < rest.length() && Character.isDigit(rest.charAt(end))) {
			end++;
		}
		return (end > 0) ? Integer.parseInt(rest.substring(0, end)) : 0;
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
