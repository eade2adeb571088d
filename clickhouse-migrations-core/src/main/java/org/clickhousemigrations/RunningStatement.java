package org.clickhousemigrations;

import java.time.Duration;
import java.time.Instant;

/**
 * A statement of a migration running now, with what ClickHouse last said of its progress.
 *
 * @param database the configured database
 * @param migration {@code module:version}
 * @param rollback whether it belongs to a rollback
 * @param statement its number in the migration, from 1
 * @param statements how many the migration has
 * @param sql the statement, shortened; for a Java step, its label
 * @param queryId what its query ids in ClickHouse start with (one per attempt)
 * @param startedAt when it was sent
 * @param progress the last figures read from {@code system.processes} (and {@code system.mutations}),
 * or {@link Progress#NONE} before the first look
 * @param chunks for a backfill or a live copy, its chunks; else {@link Chunks#NONE}
 */
public record RunningStatement(String database, String migration, boolean rollback, int statement, int statements,
		String sql, String queryId, Instant startedAt, Progress progress, Chunks chunks) {

	/** How long it has been running. */
	public Duration age() {
		return Duration.between(this.startedAt, Instant.now());
	}

	/** The same statement with newer figures. */
	public RunningStatement with(Progress progress) {
		return new RunningStatement(this.database, this.migration, this.rollback, this.statement, this.statements,
				this.sql, this.queryId, this.startedAt, progress, this.chunks);
	}

	/** The same statement with newer chunk figures. */
	public RunningStatement with(Chunks chunks) {
		return new RunningStatement(this.database, this.migration, this.rollback, this.statement, this.statements,
				this.sql, this.queryId, this.startedAt, this.progress, chunks);
	}

	/**
	 * Figures of a running statement, as ClickHouse keeps them.
	 *
	 * @param readRows rows read so far
	 * @param readBytes bytes read so far
	 * @param writtenRows rows written so far
	 * @param writtenBytes bytes written so far
	 * @param totalRows the rows ClickHouse expects to read, 0 when it does not know
	 * @param partsToDo for a mutation, the parts it still has to rewrite; -1 for other statements
	 */
	public record Progress(long readRows, long readBytes, long writtenRows, long writtenBytes, long totalRows,
			long partsToDo) {

		/** No figures yet. */
		public static final Progress NONE = new Progress(0, 0, 0, 0, 0, -1);

		/** The share of the rows to read that are read, from 0 to 1; {@code null} when not known. */
		public Double share() {
			return (this.totalRows > 0) ? Math.min(1.0, (double) this.readRows / this.totalRows) : null;
		}

	}

	/**
	 * The chunks of a backfill or a live copy (of its current pass).
	 *
	 * @param done the chunks copied, those of earlier attempts or runs included
	 * @param total all of them
	 * @param rows the rows they wrote (those of views included)
	 */
	public record Chunks(int done, int total, long rows) {

		/** Not a copy in chunks. */
		public static final Chunks NONE = new Chunks(0, 0, 0);

	}

}
