package org.clickhousemigrations.lock;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.sql.ClickHouseErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lock with a lease, built on one atomic "take it if free" of ClickHouse. Waiters poll, log who
 * holds it, and take it over once the holder stopped renewing its lease (it crashed). The holder
 * renews the lease in the background and checks before every statement that it still holds it.
 * Subclasses say how to take, read, renew, take over and release.
 */
public abstract class LeaseLock implements MigrationLock {

	private static final Logger logger = LoggerFactory.getLogger(LeaseLock.class);

	private static final Duration POLL = Duration.ofMillis(250);

	private static final Duration WAIT_LOG_INTERVAL = Duration.ofSeconds(10);

	private final Duration wait;

	private final Duration lease;

	protected LeaseLock(Duration wait, Duration lease) {
		this.wait = wait;
		this.lease = lease;
	}

	/** Who holds a lock, until when, and whether that lease has expired. */
	protected record Holder(String name, String expires, boolean expired) {
	}

	/** Takes the lock if nobody holds it; returns a token that identifies this holding, or {@code null}. */
	protected abstract String tryTake(Connection connection, MigrationDatabase database, String holder)
			throws SQLException;

	/** Who holds the lock now; {@code null} if nobody does. */
	protected abstract Holder read(Connection connection, MigrationDatabase database) throws SQLException;

	/** Frees a lock whose lease expired; must not free a lock that another instance just took. */
	protected abstract void takeOver(Connection connection, MigrationDatabase database, Holder expired)
			throws SQLException;

	/** Renews the lease; returns false if the lock is no longer ours. */
	protected abstract boolean renew(Connection connection, MigrationDatabase database, String holder, String token)
			throws SQLException;

	/** Releases the lock, if it is still ours. */
	protected abstract void release(Connection connection, MigrationDatabase database, String holder, String token)
			throws SQLException;

	/** The lock's name, for messages. */
	protected abstract String describe(MigrationDatabase database);

	protected Duration lease() {
		return this.lease;
	}

	@Override
	public Held acquire(MigrationDatabase database) {
		String holder = holderName();
		long deadline = System.nanoTime() + this.wait.toNanos();
		long nextLog = 0;
		boolean tookOver = false;
		while (true) {
			try (Connection connection = database.dataSource().getConnection()) {
				long attempted = System.nanoTime();
				String token = tryTake(connection, database, holder);
				if (token != null) {
					logger.debug("Took the migration lock {} of database '{}' as {}", describe(database),
							database.name(), holder);
					return new Lease(database, holder, token, attempted, tookOver);
				}
				Holder current = read(connection, database);
				if (current != null && current.expired()) {
					takeOver(connection, database, current);
					tookOver = true;
					logger.warn("Took over the migration lock of database '{}' from {}, whose lease expired at {}",
							database.name(), current.name(), current.expires());
					continue;
				}
				if (System.nanoTime() > deadline) {
					throw new ClickHouseMigrationException("Gave up waiting " + this.wait.toSeconds()
							+ " s for the migration lock of database '" + database.name() + "', held by "
							+ ((current != null) ? current.name() + " (lease renewed until " + current.expires() + ")"
									: "another instance")
							+ ". Wait longer (clickhouse.migrations.lock.wait), or, if that instance is gone, wait for "
							+ "its lease (clickhouse.migrations.lock.lease) to expire. Lock: " + describe(database));
				}
				if (current != null && System.nanoTime() >= nextLog) {
					logger.info("Waiting for the migration lock of database '{}', held by {} (lease until {})",
							database.name(), current.name(), current.expires());
					nextLog = System.nanoTime() + WAIT_LOG_INTERVAL.toNanos();
				}
			}
			catch (SQLException ex) {
				throw new ClickHouseMigrationException("Cannot take the migration lock " + describe(database)
						+ " of database '" + database.name() + "': " + ClickHouseErrors.describe(ex), ex);
			}
			sleep(POLL);
		}
	}

	private static String holderName() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (Exception ex) {
			host = "unknown-host";
		}
		// The random part tells apart two holdings of one process.
		return host + "/pid " + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ClickHouseMigrationException("Interrupted while waiting for the migration lock", ex);
		}
	}

	/**
	 * The lock while held: its lease is renewed in the background until it is closed. The holder
	 * trusts its lease only while its last successful renewal is younger than the lease minus a
	 * margin: a holder that cannot renew (network, stalled server) stops before its next
	 * statement, before another instance can take the lock over.
	 */
	private final class Lease implements Held {

		private final MigrationDatabase database;

		private final String holder;

		private final String token;

		private final boolean tookOver;

		private final ScheduledExecutorService renewer;

		// When the last renewal that succeeded was sent (System.nanoTime).
		private volatile long renewedAt;

		private volatile String lost;

		private volatile boolean abandoned;

		private final AtomicInteger failedRenewals = new AtomicInteger();

		Lease(MigrationDatabase database, String holder, String token, long takenAt, boolean tookOver) {
			this.database = database;
			this.holder = holder;
			this.token = token;
			this.tookOver = tookOver;
			this.renewedAt = takenAt;
			this.renewer = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "clickhouse-migrations-lock-" + database.name());
				thread.setDaemon(true);
				return thread;
			});
			long every = Math.max(1, LeaseLock.this.lease.toMillis() / 3);
			this.renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
		}

		// Never throws: an exception would end the schedule silently.
		private void renew() {
			long sent = System.nanoTime();
			try (Connection connection = this.database.dataSource().getConnection()) {
				if (LeaseLock.this.renew(connection, this.database, this.holder, this.token)) {
					this.renewedAt = sent;
				}
				else {
					this.lost = "the migration lock " + describe(this.database) + " is no longer ours (our lease "
							+ "expired and another instance took it)";
				}
			}
			catch (SQLException | RuntimeException ex) {
				int failures = this.failedRenewals.incrementAndGet();
				logger.warn("Could not renew the migration lock of database '{}' ({} failed renewal{} so far): {}",
						this.database.name(), failures, (failures == 1) ? "" : "s", ClickHouseErrors.describe(ex));
			}
		}

		@Override
		public void check() {
			if (this.lost != null) {
				throw stop(this.lost);
			}
			long age = System.nanoTime() - this.renewedAt;
			Duration trusted = LeaseLock.this.lease.minus(LeaseLock.this.lease.dividedBy(4));
			if (age > trusted.toNanos()) {
				throw stop("its lease was last renewed " + TimeUnit.NANOSECONDS.toMillis(age) + " ms ago ("
						+ this.failedRenewals.get() + " renewals failed), and another instance may take the lock "
						+ "after " + LeaseLock.this.lease.toMillis() + " ms");
			}
		}

		private ClickHouseMigrationException stop(String why) {
			return new ClickHouseMigrationException("Stopped migrating database '" + this.database.name() + "': "
					+ why + ". Nothing more runs; the next migrate resumes where this one stopped.");
		}

		@Override
		public boolean tookOver() {
			return this.tookOver;
		}

		@Override
		public void abandon() {
			this.abandoned = true;
			this.renewer.shutdownNow();
			logger.warn("Left the migration lock {} of database '{}' to expire after {} s, so that the next holder "
					+ "checks what this run left behind", describe(this.database), this.database.name(),
					LeaseLock.this.lease.toSeconds());
		}

		@Override
		public void close() {
			this.renewer.shutdownNow();
			if (this.lost != null || this.abandoned) {
				return;
			}
			// Waiting longer than the lease is pointless: by then it has expired anyway.
			CompletableFuture<Void> release = CompletableFuture.runAsync(this::release, (task) -> {
				Thread thread = new Thread(task, "clickhouse-migrations-unlock-" + this.database.name());
				thread.setDaemon(true);
				thread.start();
			});
			try {
				release.get(LeaseLock.this.lease.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException | ExecutionException ex) {
				logger.warn("Could not release the migration lock {} of database '{}' within {} ms; it expires by itself",
						describe(this.database), this.database.name(), LeaseLock.this.lease.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private void release() {
			try (Connection connection = this.database.dataSource().getConnection()) {
				LeaseLock.this.release(connection, this.database, this.holder, this.token);
			}
			catch (SQLException ex) {
				logger.warn("Could not release the migration lock {} of database '{}': {}; it expires after {} s",
						describe(this.database), this.database.name(), ClickHouseErrors.describe(ex),
						LeaseLock.this.lease.toSeconds());
			}
		}

	}

}
