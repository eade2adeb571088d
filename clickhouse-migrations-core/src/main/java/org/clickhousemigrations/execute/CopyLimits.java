package org.clickhousemigrations.execute;

/**
 * How hard backfills and live copies may press on ClickHouse.
 *
 * @param parallelism how many chunks of a backfill are copied at once (each holds its rows in memory
 * until written); a live copy takes one chunk at a time
 * @param rowsPerSecond the most rows a second a copy writes, waiting between chunks when ahead; 0
 * for no limit
 */
public record CopyLimits(int parallelism, long rowsPerSecond) {

	/** Two chunks at once, no rate limit. */
	public static final CopyLimits DEFAULTS = new CopyLimits(2, 0);

	public CopyLimits {
		if (parallelism < 1) {
			throw new IllegalArgumentException("backfill parallelism must be at least 1, not " + parallelism);
		}
		if (rowsPerSecond < 0) {
			throw new IllegalArgumentException("backfill rows per second must be 0 (no limit) or more, not "
					+ rowsPerSecond);
		}
	}

}
