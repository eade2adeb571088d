package org.clickhousemigrations.execute;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a copy in chunks has done, logged as each chunk ends: rows so far, rate and time left. */
final class ChunkProgress {

	private static final Logger logger = LoggerFactory.getLogger(ChunkProgress.class);

	private final String copy;

	private final int total;

	private final long started = System.nanoTime();

	private final int doneBefore;

	private int done;

	private long rows;

	/**
	 * @param copy how logs name the copy
	 * @param total its chunks
	 * @param done the chunks done before this run
	 * @param rows the rows they wrote
	 */
	ChunkProgress(String copy, int total, int done, long rows) {
		this.copy = copy;
		this.total = total;
		this.doneBefore = done;
		this.done = done;
		this.rows = rows;
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
				+ "{} s left", this.copy, this.done, this.total, chunk, written, (System.nanoTime() - chunkStarted) / 1_000_000,
				this.rows, Math.round(this.rows / Math.max(seconds, 1e-3)),
				Math.round(seconds / (this.done - this.doneBefore) * (this.total - this.done)));
	}

	synchronized long rows() {
		return this.rows;
	}

}
