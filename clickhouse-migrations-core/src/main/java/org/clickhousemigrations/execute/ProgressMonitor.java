package org.clickhousemigrations.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.clickhousemigrations.RunningStatement;
import org.clickhousemigrations.RunningStatement.Progress;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.sql.ClickHouseErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the statements that run for long: once one has run for {@code after}, reads its figures
 * from {@code system.processes} by its query id (and, for a mutation, the parts it still has to
 * rewrite from {@code system.mutations}) every {@code every}, logs them, and keeps them for the
 * endpoint and metrics. Reads on connections of its own, on one daemon thread shared by all
 * monitors, and only while a statement runs; a failed look is logged at debug and tried again,
 * never failing the statement.
 */
public final class ProgressMonitor {

	private static final Logger logger = LoggerFactory.getLogger(ProgressMonitor.class);

	private static final Pattern MUTATION = Pattern.compile(
			"(?is)\\s*ALTER\\s+TABLE\\s.*\\b(UPDATE|DELETE|MATERIALIZE|CLEAR)\\b.*");

	private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "clickhouse-migrations-progress");
		thread.setDaemon(true);
		return thread;
	});

	private final Duration after;

	private final Duration every;

	private final Map<String, Watched> running = new ConcurrentHashMap<>();

	// The periodic look while statements run; null while none does.
	private ScheduledFuture<?> looking;

	/**
	 * @param after how long a statement runs before it is watched
	 * @param every how often it is looked at and logged then
	 */
	public ProgressMonitor(Duration after, Duration every) {
		this.after = after;
		this.every = every;
	}

	/**
	 * The statement (or Java step) starts; close what this returns when it ends.
	 * @param text the statement, or the label of the Java step
	 * @param queryIdPrefix what the query ids of all its attempts start with
	 */
	Watch start(MigrationDatabase database, String migration, boolean rollback, int statement, int statements,
			String text, String queryIdPrefix) {
		String shortened = text.replaceAll("\\s+", " ").strip();
		RunningStatement started = new RunningStatement(database.name(), migration, rollback, statement, statements,
				(shortened.length() > 200) ? shortened.substring(0, 197) + "..." : shortened, queryIdPrefix, Instant.now(),
				Progress.NONE, RunningStatement.Chunks.NONE);
		Watched watched = new Watched(database, started, MUTATION.matcher(text).matches());
		this.running.put(database.name(), watched);
		synchronized (this) {
			if (this.looking == null) {
				this.looking = SCHEDULER.scheduleWithFixedDelay(this::look, this.every.toMillis(), this.every.toMillis(),
						TimeUnit.MILLISECONDS);
			}
		}
		return () -> {
			this.running.computeIfPresent(database.name(),
					(name, current) -> (current.statement().queryId().equals(queryIdPrefix)) ? null : current);
			synchronized (this) {
				if (this.running.isEmpty() && this.looking != null) {
					this.looking.cancel(false);
					this.looking = null;
				}
			}
		};
	}

	/** What runs now, one statement per database at most, with the chunks a copy in chunks has done. */
	public List<RunningStatement> running() {
		return this.running.values().stream().map((watched) -> withChunks(watched.statement())).toList();
	}

	private static RunningStatement withChunks(RunningStatement statement) {
		return ChunkProgress.of(statement.queryId()).map(statement::with).orElse(statement);
	}

	private void look() {
		for (Watched watched : this.running.values()) {
			RunningStatement statement = watched.statement();
			if (statement.age().compareTo(this.after) < 0) {
				continue;
			}
			try (Connection connection = watched.database().dataSource().getConnection()) {
				Progress progress = progress(connection, statement.queryId(), watched.mutation());
				// Only if it still runs: the statement may have ended while we looked.
				this.running.computeIfPresent(statement.database(),
						(name, current) -> (current == watched) ? new Watched(current.database(), statement.with(progress),
								current.mutation()) : current);
				logger.info("{} {} on database '{}', statement {} of {} still running: {}{}", statement.rollback()
						? "Rolling back" : "Migrating", statement.migration(), statement.database(), statement.statement(),
						statement.statements(), describe(statement.age(), progress),
						ChunkProgress.of(statement.queryId())
							.map((chunks) -> ", chunk " + chunks.done() + " of " + chunks.total() + " done")
							.orElse(""));
			}
			catch (SQLException | RuntimeException ex) {
				logger.debug("Cannot read the progress of {} on database '{}': {}", statement.queryId(),
						statement.database(), ClickHouseErrors.describe(ex));
			}
		}
	}

	private static Progress progress(Connection connection, String queryId, boolean mutation) throws SQLException {
		Progress progress = Progress.NONE;
		try (PreparedStatement query = connection.prepareStatement("SELECT read_rows, read_bytes, written_rows, "
				+ "written_bytes, total_rows_approx FROM system.processes WHERE startsWith(query_id, ?)")) {
			query.setString(1, queryId);
			try (ResultSet rows = query.executeQuery()) {
				if (rows.next()) {
					progress = new Progress(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4),
							rows.getLong(5), -1);
				}
			}
		}
		if (mutation) {
			try (PreparedStatement query = connection.prepareStatement("SELECT sum(parts_to_do) FROM system.mutations "
					+ "WHERE database = currentDatabase() AND NOT is_done")) {
				try (ResultSet rows = query.executeQuery()) {
					if (rows.next()) {
						progress = new Progress(progress.readRows(), progress.readBytes(), progress.writtenRows(),
								progress.writtenBytes(), progress.totalRows(), rows.getLong(1));
					}
				}
			}
		}
		return progress;
	}

	static String describe(Duration age, Progress progress) {
		StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%d s, %,d rows (%s) read, %,d rows (%s) "
				+ "written", age.toSeconds(), progress.readRows(), bytes(progress.readBytes()), progress.writtenRows(),
				bytes(progress.writtenBytes())));
		if (progress.share() != null) {
			text.append(String.format(Locale.ROOT, ", %.0f%% of %,d rows", progress.share() * 100, progress.totalRows()));
		}
		if (progress.partsToDo() >= 0) {
			text.append(", ").append(progress.partsToDo()).append(" parts left to mutate");
		}
		return text.toString();
	}

	private static String bytes(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
		return String.format(Locale.ROOT, "%.1f %siB", bytes / Math.pow(1024, unit), "KMGTPE".charAt(unit - 1));
	}

	/** Ends the watch of a statement. */
	@FunctionalInterface
	interface Watch extends AutoCloseable {

		@Override
		void close();

	}

	private record Watched(MigrationDatabase database, RunningStatement statement, boolean mutation) {
	}

}
