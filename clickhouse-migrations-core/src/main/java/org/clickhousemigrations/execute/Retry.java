package org.clickhousemigrations.execute;

import java.time.Duration;

/**
 * How long ClickHouse is waited for when it asks to: a statement it refused before running is sent
 * again after 0.5 s, 1 s, 2 s, ... up to {@code attempts} more times, never waiting more than
 * {@code maxWait} in all; a mutation that keeps failing is given {@code maxWait} without progress
 * before the run stops.
 *
 * @param attempts how many times a refused statement is sent again
 * @param maxWait the longest wait in all for one statement
 * @param firstWait the first wait, doubled for each retry after it
 */
public record Retry(int attempts, Duration maxWait, Duration firstWait) {

	/** Five more tries, 30 seconds in all. */
	public static final Retry DEFAULT = new Retry(5, Duration.ofSeconds(30));

	/** Waits of 0.5 s, 1 s, 2 s, ... */
	public Retry(int attempts, Duration maxWait) {
		this(attempts, maxWait, Duration.ofMillis(500));
	}

	public Retry {
		if (attempts < 0) {
			throw new IllegalArgumentException("retry attempts must be 0 or more, not " + attempts);
		}
		if (maxWait.isNegative()) {
			throw new IllegalArgumentException("retry max-wait must not be negative, not " + maxWait);
		}
	}

	/**
	 * The wait before retry {@code retry} (from 1), given how long was waited already; {@code null}
	 * when no retry is left.
	 */
	public Duration before(int retry, Duration waited) {
		if (retry > this.attempts) {
			return null;
		}
		Duration next = this.firstWait.multipliedBy(1L << Math.min(retry - 1, 20));
		Duration left = this.maxWait.minus(waited);
		if (left.isNegative() || left.isZero()) {
			return null;
		}
		return (next.compareTo(left) > 0) ? left : next;
	}

}
