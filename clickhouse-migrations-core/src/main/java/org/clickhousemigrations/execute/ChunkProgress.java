package org.clickhousemigrations.execute;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.clickhousemigrations.RunningStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a copy in chunks has done, logged as each chunk ends (rows so far, rate and time left) and
 * shown with its statement while it runs; it also keeps the copy under a rate of rows per second.
 */
final class ChunkProgress implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ChunkProgress.class);

	// The copies running now, by what the query ids of their chunks start with.
	private static final Map<String, ChunkProgress> RUNNING = new ConcurrentHashMap<>();

	private final String watched;

	private final long rowsPerSecond;

	private final String copy;

	private final int total;

	private final long started = System.nanoTime();

	private final int doneBefore;

	private int done;

	private final long rowsBefore;

	private long rows;

	/**
	 * Starts showing the copy with its statement, until closed.
	 * @param copy how logs name the copy
	 * @param watched what the query ids of its chunks start with
	 * @param total its chunks
	 * @param done the chunks done before this run
	 * @param rows the rows they wrote
	 * @param rowsPerSecond the most rows a second the copy writes, 0 for no limit
	 */
	ChunkProgress(String copy, String watched, int total, int done, long rows, long rowsPerSecond) {
		this.copy = copy;
		this.watched = watched;
		this.rowsPerSecond = rowsPerSecond;
		this.total = total;
		this.doneBefore = done;
		this.done = done;
		this.rows = rows;
		this.rowsBefore = rows;
		RUNNING.put(watched, this);
	}

	/** The chunks of the copy running under query ids that start with {@code prefix}, if one runs. */
	static Optional<RunningStatement.Chunks> of(String prefix) {
		return Optional.ofNullable(RUNNING.get(prefix)).map(ChunkProgress::chunks);
	}

	synchronized RunningStatement.Chunks chunks() {
		return new RunningStatement.Chunks(this.done, this.total, this.rows);
	}

	/**
	 * Logs a chunk that ended.
	 * @param chunk which rows it holds, in words
	 * @param written the rows it wrote (those of views included)
	 * @param chunkStarted its start, in {@link System#nanoTime()}
	 */
	synchronized void done(String chunk, long written, long chunkStarted) {
		this.done++;
		this.rows += written;
		double seconds = (System.nanoTime() - this.started) / 1e9;
		logger.info("{}: chunk {} of {} ({}) wrote {} rows in {} ms; {} rows so far (views included), {} rows/s, about "
				+ "{} s left", this.copy, this.done, this.total, chunk, written,
				(System.nanoTime() - chunkStarted) / 1_000_000, this.rows, Math.round(this.rows / Math.max(seconds, 1e-3)),
				Math.round(seconds / (this.done - this.doneBefore) * (this.total - this.done)));
	}

	synchronized long rows() {
		return this.rows;
	}

	/** Waits as long as it takes to keep the rows written by this run within the rate. */
	void pace() throws InterruptedException {
		long wait = waitNanos(System.nanoTime());
		if (wait > 0) {
			Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
		}
	}

	// How long to wait at `now` before the next chunk: until the rows of this run, at the rate, are due.
	synchronized long waitNanos(long now) {
		if (this.rowsPerSecond <= 0) {
			return 0;
		}
		long due = this.started + Math.round((this.rows - this.rowsBefore) * 1e9 / this.rowsPerSecond);
		return Math.max(0, due - now);
	}

	@Override
	public void close() {
		RUNNING.remove(this.watched, this);
	}

}
