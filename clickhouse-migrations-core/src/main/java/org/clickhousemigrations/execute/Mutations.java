package org.clickhousemigrations.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.clickhousemigrations.sql.Identifiers;
import org.clickhousemigrations.sql.Secrets;
import org.clickhousemigrations.sql.StatementTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mutation a failed {@code ALTER} (or lightweight {@code DELETE}) left in
 * {@code system.mutations}, which ClickHouse keeps retrying until it succeeds: found by the
 * mutation id in the error, or by table and creation time within the failed attempt, and waited
 * for while it makes progress. Never sent a second time: a mutation applied twice changes the data
 * twice.
 */
final class Mutations {

	private static final Logger logger = LoggerFactory.getLogger(Mutations.class);

	// 'mutation_3.txt' of a MergeTree, '0000000003' of a ReplicatedMergeTree.
	private static final Pattern MUTATION_ID = Pattern.compile("mutation '?((?:mutation_\\d+\\.txt)|\\d{10})'?");

	private static final Pattern COMMAND_VERB = Pattern.compile("^[(\\s]*([A-Za-z]+)");

	private static final long POLL_MILLIS = 500;

	private final Retry retry;

	private final Secrets secrets;

	Mutations(Retry retry, Secrets secrets) {
		this.retry = retry;
		this.secrets = secrets;
	}

	/** One mutation as {@code system.mutations} shows it. */
	private record Mutation(String id, boolean done, boolean killed, long partsToDo, String failReason) {
	}

	/** The mutation ids named in ClickHouse's errors. */
	static Set<String> named(Collection<String> errors) {
		Set<String> ids = new LinkedHashSet<>();
		for (String error : errors) {
			Matcher matcher = MUTATION_ID.matcher(error);
			while (matcher.find()) {
				ids.add(matcher.group(1));
			}
		}
		return ids;
	}

	/**
	 * Waits for the mutations the failed attempts of a statement created.
	 * @param sql the statement's text
	 * @param target the table the statement changes
	 * @param defaultDatabase the database of the connection
	 * @param failed the failed attempts, from {@code system.query_log}
	 * @param statement how to name the statement in logs and messages
	 * @return {@code null} when the statement created no mutation; else finished, stuck (still
	 * failing after {@link Retry#maxWait()} without progress) or unknown (killed, or gone)
	 */
	Verdict await(Connection connection, String sql, StatementTarget target, String defaultDatabase,
			List<LoggedQuery> failed, String statement) throws SQLException, InterruptedException {
		String database = (target.database() != null) ? target.database() : defaultDatabase;
		Set<String> named = named(failed.stream().map(LoggedQuery::exception).toList());
		long from = failed.stream().mapToLong(LoggedQuery::startSeconds).min().orElse(0);
		long to = failed.stream().mapToLong(LoggedQuery::endSeconds).max().orElse(0);
		long lastProgress = System.nanoTime();
		long partsToDo = Long.MAX_VALUE;
		boolean told = false;
		while (true) {
			List<Mutation> mutations = read(connection, database, target.table(), named, from, to, sql);
			if (mutations.isEmpty()) {
				return named.isEmpty() ? null : Verdict.unknown("it created mutation " + String.join(", ", named)
						+ " of " + database + "." + target.table() + ", which is no longer in system.mutations (killed?): "
						+ "the parts it changed before stay changed");
			}
			Mutation killed = mutations.stream().filter(Mutation::killed).findFirst().orElse(null);
			if (killed != null) {
				return Verdict.unknown("its mutation " + killed.id() + " of " + database + "." + target.table()
						+ " was killed: the parts it changed before stay changed");
			}
			if (mutations.stream().allMatch(Mutation::done)) {
				if (told) {
					logger.info("Mutation {} of {}.{} is done", ids(mutations), database, target.table());
				}
				return Verdict.finished(0);
			}
			long left = mutations.stream().mapToLong(Mutation::partsToDo).sum();
			if (left < partsToDo) {
				partsToDo = left;
				lastProgress = System.nanoTime();
			}
			String reason = mutations.stream().map(Mutation::failReason).filter((each) -> !each.isBlank()).findFirst()
				.orElse("");
			if (!told) {
				logger.info("Waiting for mutation {} of {}.{}, which {} created and ClickHouse runs on ({} part{} to do{})",
						ids(mutations), database, target.table(), statement, left, (left == 1) ? "" : "s",
						reason.isEmpty() ? "" : "; it failed last with: " + this.secrets.mask(reason));
				told = true;
			}
			boolean patienceOver = (System.nanoTime() - lastProgress) / 1_000_000 >= this.retry.maxWait().toMillis();
			if (!reason.isEmpty() && patienceOver) {
				return new Verdict(Verdict.Kind.STUCK, 0, stuck(database, target.table(), ids(mutations), reason, left));
			}
			Thread.sleep(POLL_MILLIS);
		}
	}

	private String stuck(String database, String table, String ids, String reason, long left) {
		return "its mutation " + ids + " of " + database + "." + table + " keeps failing (" + left + " part"
				+ ((left == 1) ? "" : "s") + " to do, no progress for " + this.retry.maxWait().toSeconds() + " s): "
				+ reason.strip() + "\n  ClickHouse retries it by itself, and the statement is not sent again. Fix the "
				+ "cause and migrate again: the next run waits for this mutation. Or give it up: KILL MUTATION WHERE "
				+ "database = " + Identifiers.literal(database) + " AND table = " + Identifiers.literal(table)
				+ " AND mutation_id = " + Identifiers.literal(ids.split(", ")[0]) + " (the parts it changed stay "
				+ "changed), then run repair with clickhouse.migrations.outcome=ran or =did-not-run";
	}

	// Found by time only, a mutation must at least be of the statement's kind: someone else's may run meanwhile.
	static boolean sameCommand(String command, String sql) {
		Matcher verb = COMMAND_VERB.matcher(command);
		return verb.find() && Pattern.compile("(?i)\\b" + verb.group(1) + "\\b").matcher(sql).find();
	}

	private static String ids(List<Mutation> mutations) {
		return String.join(", ", mutations.stream().map(Mutation::id).toList());
	}

	private static List<Mutation> read(Connection connection, String database, String table, Set<String> named,
			long from, long to, String sql) throws SQLException {
		// A mutation named in an error is that one; else the one created on the table while the statement ran.
		String which = named.isEmpty() ? "create_time BETWEEN toDateTime(?) AND toDateTime(?)"
				: "mutation_id IN (" + String.join(", ", named.stream().map((id) -> "?").toList()) + ")";
		String select = "SELECT mutation_id, is_done, is_killed, parts_to_do, latest_fail_reason, command FROM "
				+ "system.mutations WHERE database = ? AND table = ? AND " + which + " ORDER BY create_time";
		List<Mutation> found = new ArrayList<>();
		try (PreparedStatement query = connection.prepareStatement(select)) {
			int i = 1;
			query.setString(i++, database);
			query.setString(i++, table);
			for (String id : named) {
				query.setString(i++, id);
			}
			if (named.isEmpty()) {
				// Times in seconds: one either side, as create_time and the log's times are rounded apart.
				query.setLong(i++, from - 1);
				query.setLong(i, to + 1);
			}
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					if (named.isEmpty() && !sameCommand(rows.getString(6), sql)) {
						continue;
					}
					found.add(new Mutation(rows.getString(1), rows.getInt(2) != 0, rows.getInt(3) != 0, rows.getLong(4),
							String.valueOf(rows.getString(5))));
				}
			}
		}
		return found;
	}

}
