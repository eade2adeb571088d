package org.clickhousemigrations.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@code ON CLUSTER} statement that outlived {@code distributed_ddl_task_timeout}: ClickHouse
 * answers {@code TIMEOUT_EXCEEDED}, but the hosts that have not finished go on in the background.
 * Its entry in {@code system.distributed_ddl_queue} (named in the error) is watched until every
 * host finished; the statement is never sent again.
 */
final class DistributedDdlQueue {

	private static final Logger logger = LoggerFactory.getLogger(DistributedDdlQueue.class);

	// "Watching task /clickhouse/task_queue/ddl/query-0000000012 is executing longer than ..."
	private static final Pattern ENTRY = Pattern.compile("\\b(query-\\d{10})\\b");

	static final String HOSTS = "SELECT host, port, status, exception_code, exception_text "
			+ "FROM system.distributed_ddl_queue WHERE entry = ? AND cluster = ? ORDER BY host, port";

	private static final long POLL_MILLIS = 1000;

	private final Retry retry;

	DistributedDdlQueue(Retry retry) {
		this.retry = retry;
	}

	/** One host of the entry. */
	record Host(String name, String status, int exceptionCode, String exception) {

		boolean finished() {
			return "Finished".equals(this.status);
		}

	}

	/** The queue entry an error of ClickHouse names. */
	static Optional<String> entry(String error) {
		Matcher matcher = ENTRY.matcher(error);
		return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
	}

	/**
	 * Waits until every host of the entry finished.
	 * @return finished when all did without error; unknown when one failed, the entry cannot be found,
	 * or no host finished for {@link Retry#maxWait()}
	 */
	Verdict await(Connection connection, String cluster, String error) throws SQLException, InterruptedException {
		String entry = entry(error).orElse(null);
		if (entry == null) {
			return Verdict.unknown("the ON CLUSTER statement timed out and ClickHouse did not name its queue entry: "
					+ error);
		}
		long lastProgress = System.nanoTime();
		int unfinished = Integer.MAX_VALUE;
		while (true) {
			List<Host> hosts = read(connection, entry, cluster);
			if (hosts.isEmpty()) {
				return Verdict.unknown("the ON CLUSTER statement timed out and its entry " + entry + " is not in "
						+ "system.distributed_ddl_queue of cluster '" + cluster + "'");
			}
			Verdict judged = judge(entry, hosts);
			if (judged != null) {
				return judged;
			}
			List<String> waiting = hosts.stream().filter((host) -> !host.finished()).map(Host::name).toList();
			if (waiting.size() < unfinished) {
				unfinished = waiting.size();
				lastProgress = System.nanoTime();
				logger.info("ON CLUSTER statement {} timed out in ClickHouse; waiting for {} of {} host{} to finish: {}",
						entry, waiting.size(), hosts.size(), (hosts.size() == 1) ? "" : "s", String.join(", ", waiting));
			}
			if ((System.nanoTime() - lastProgress) / 1_000_000 >= this.retry.maxWait().toMillis()) {
				return Verdict.unknown("the ON CLUSTER statement " + entry + " has not finished on " + waiting.size()
						+ " host" + ((waiting.size() == 1) ? "" : "s") + " (" + String.join(", ", waiting) + ") after "
						+ this.retry.maxWait().toSeconds() + " s without progress; they run it in the background");
			}
			Thread.sleep(POLL_MILLIS);
		}
	}

	/** Finished, failed on a host (unknown: it may have run elsewhere), or {@code null} while hosts still work. */
	static Verdict judge(String entry, List<Host> hosts) {
		List<String> failed = new ArrayList<>();
		for (Host host : hosts) {
			if (host.exceptionCode() != 0) {
				failed.add(host.name() + ": ClickHouse error " + host.exceptionCode() + ": " + host.exception());
			}
		}
		if (hosts.stream().anyMatch((host) -> !host.finished() && host.exceptionCode() == 0)) {
			return null;
		}
		if (!failed.isEmpty()) {
			return Verdict.unknown("the ON CLUSTER statement " + entry + " finished on some hosts and failed on "
					+ String.join("; ", failed));
		}
		return Verdict.finished(0);
	}

	private static List<Host> read(Connection connection, String entry, String cluster) throws SQLException {
		List<Host> hosts = new ArrayList<>();
		try (PreparedStatement query = connection.prepareStatement(HOSTS)) {
			query.setString(1, entry);
			query.setString(2, cluster);
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					hosts.add(new Host(rows.getString(1) + ":" + rows.getInt(2), rows.getString(3), rows.getInt(4),
							String.valueOf(rows.getString(5))));
				}
			}
		}
		return hosts;
	}

}
