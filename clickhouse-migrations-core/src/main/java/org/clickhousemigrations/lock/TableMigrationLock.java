package org.clickhousemigrations.lock;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.MigrationDatabase;
import org.clickhousemigrations.execute.ClickHouseErrors;
import org.clickhousemigrations.operation.Identifiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lock that is a table: {@code CREATE TABLE} (without {@code IF NOT EXISTS}) is atomic on a
 * ClickHouse server, so exactly one instance creates it, and the others wait. No mutation is
 * involved. The holder renews a lease in the table; a holder that crashed stops renewing, and once
 * its lease expired the table is moved aside and the lock can be taken again. The holder checks
 * before every statement that the table is still the one it created.
 */
public class TableMigrationLock implements MigrationLock {

	private static final Logger logger = LoggerFactory.getLogger(TableMigrationLock.class);

	private static final int TABLE_ALREADY_EXISTS = 57;

	private static final Duration POLL = Duration.ofMillis(250);

	private static final Duration WAIT_LOG_INTERVAL = Duration.ofSeconds(10);

	private final String table;

	private final String database;

	private final Duration wait;

	private final Duration lease;

	/**
	 * @param table the lock table's name
	 * @param database the database that holds it; {@code null} for the connection's database
	 * @param wait how long to wait for another holder
	 * @param lease how long a holder that stopped renewing keeps the lock
	 */
	public TableMigrationLock(String table, String database, Duration wait, Duration lease) {
		this.table = table;
		this.database = database;
		this.wait = wait;
		this.lease = lease;
	}

	@Override
	public Held acquire(MigrationDatabase target) {
		String holder = holderName();
		long deadline = System.nanoTime() + this.wait.toNanos();
		long nextLog = 0;
		while (true) {
			try (Connection connection = target.dataSource().getConnection()) {
				String uuid = tryCreate(connection, holder);
				if (uuid != null) {
					logger.debug("Took the migration lock {} of database '{}' as {}", name(), target.name(), holder);
					return new TableLease(target, holder, uuid);
				}
				LockState state = read(connection);
				if (state.expired()) {
					takeOver(connection, target, state);
					continue;
				}
				if (System.nanoTime() > deadline) {
					throw new ClickHouseMigrationException("Gave up waiting " + this.wait.toSeconds()
							+ " s for the migration lock of database '" + target.name() + "', held by " + state.holder()
							+ " (lease renewed until " + state.expires() + "). Wait longer "
							+ "(clickhouse.migrations.lock.wait), or, if that instance is gone, wait for its lease to "
							+ "expire or DROP TABLE " + name());
				}
				if (System.nanoTime() >= nextLog) {
					logger.info("Waiting for the migration lock of database '{}', held by {} (lease until {})",
							target.name(), state.holder(), state.expires());
					nextLog = System.nanoTime() + WAIT_LOG_INTERVAL.toNanos();
				}
			}
			catch (SQLException ex) {
				throw new ClickHouseMigrationException("Cannot take the migration lock " + name() + " of database '"
						+ target.name() + "': " + ClickHouseErrors.describe(ex), ex);
			}
			sleep(POLL);
		}
	}

	// The table's UUID if we created it, null if it exists already.
	private String tryCreate(Connection connection, String holder) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE " + name()
					+ " (holder String, expires DateTime64(3, 'UTC')) ENGINE = MergeTree ORDER BY tuple()");
		}
		catch (SQLException ex) {
			if (ClickHouseErrors.code(ex) == TABLE_ALREADY_EXISTS) {
				return null;
			}
			throw ex;
		}
		String uuid = uuid(connection);
		renew(connection, holder);
		return uuid;
	}

	private void renew(Connection connection, String holder) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + name()
				+ " (holder, expires) VALUES (?, now64(3) + toIntervalMillisecond(?))")) {
			insert.setString(1, holder);
			insert.setLong(2, this.lease.toMillis());
			insert.executeUpdate();
		}
	}

	private LockState read(Connection connection) throws SQLException {
		String sql = "SELECT count(), argMax(holder, expires), max(expires), max(expires) < now64(3), "
				+ "(SELECT max(metadata_modification_time) FROM system.tables WHERE database = " + databaseExpression()
				+ " AND name = ?) < now() - toIntervalMillisecond(?) FROM " + name();
		try (PreparedStatement query = connection.prepareStatement(sql)) {
			int index = 1;
			if (this.database != null) {
				query.setString(index++, this.database);
			}
			query.setString(index++, this.table);
			query.setLong(index, this.lease.toMillis());
			try (ResultSet result = query.executeQuery()) {
				result.next();
				boolean empty = result.getLong(1) == 0;
				// An empty table was either just created, or its creator died before its first lease row.
				boolean expired = empty ? result.getBoolean(5) : result.getBoolean(4);
				return new LockState(empty ? "an instance that is starting" : result.getString(2),
						empty ? "unknown" : result.getString(3), expired);
			}
		}
		catch (SQLException ex) {
			if (ClickHouseErrors.isUnknownTableOrDatabase(ex)) {
				// Released between our CREATE and this read: try again.
				return new LockState("nobody", "now", false);
			}
			throw ex;
		}
	}

	private void takeOver(Connection connection, MigrationDatabase target, LockState state) throws SQLException {
		String aside = Identifiers.quote(((this.database != null) ? this.database + "." : "") + this.table + "_expired_"
				+ UUID.randomUUID().toString().replace("-", ""));
		try (Statement statement = connection.createStatement()) {
			// RENAME is atomic: of several instances that saw the lease expire, one moves the table.
			statement.execute("RENAME TABLE " + name() + " TO " + aside);
			if (!isExpired(statement, aside)) {
				// Another instance took over and created a fresh lock between our read and our RENAME.
				statement.execute("RENAME TABLE " + aside + " TO " + name());
				return;
			}
			statement.execute("DROP TABLE " + aside);
			logger.warn("Took over the migration lock of database '{}' from {}, whose lease expired at {}",
					target.name(), state.holder(), state.expires());
		}
		catch (SQLException ex) {
			if (!ClickHouseErrors.isUnknownTableOrDatabase(ex) && ClickHouseErrors.code(ex) != TABLE_ALREADY_EXISTS) {
				throw ex;
			}
		}
	}

	private static boolean isExpired(Statement statement, String table) throws SQLException {
		try (ResultSet result = statement.executeQuery("SELECT count() = 0 OR max(expires) < now64(3) FROM " + table)) {
			return result.next() && result.getBoolean(1);
		}
	}

	private String uuid(Connection connection) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement(
				"SELECT toString(uuid) FROM system.tables WHERE database = " + databaseExpression() + " AND name = ?")) {
			int index = 1;
			if (this.database != null) {
				query.setString(index++, this.database);
			}
			query.setString(index, this.table);
			try (ResultSet result = query.executeQuery()) {
				return result.next() ? result.getString(1) : "";
			}
		}
	}

	private String databaseExpression() {
		return (this.database != null) ? "?" : "currentDatabase()";
	}

	private String name() {
		return (this.database != null) ? Identifiers.quote(this.database) + "." + Identifiers.quote(this.table)
				: Identifiers.quote(this.table);
	}

	private static String holderName() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (Exception ex) {
			host = "unknown-host";
		}
		return host + "/pid " + ProcessHandle.current().pid() + "/" + ManagementFactory.getRuntimeMXBean().getName()
			.hashCode();
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

	private record LockState(String holder, String expires, boolean expired) {
	}

	/** The lock while held: its lease is renewed in the background until it is closed. */
	private final class TableLease implements Held {

		private final MigrationDatabase target;

		private final String holder;

		private final String uuid;

		private final ScheduledExecutorService renewer;

		private volatile String lost;

		TableLease(MigrationDatabase target, String holder, String uuid) {
			this.target = target;
			this.holder = holder;
			this.uuid = uuid;
			this.renewer = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "clickhouse-migrations-lock-" + target.name());
				thread.setDaemon(true);
				return thread;
			});
			long every = Math.max(1, TableMigrationLock.this.lease.toMillis() / 3);
			this.renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
		}

		private void renew() {
			try (Connection connection = this.target.dataSource().getConnection()) {
				if (!this.uuid.equals(uuid(connection))) {
					this.lost = "the lock table " + name() + " is no longer ours (our lease expired and another "
							+ "instance took it)";
					return;
				}
				TableMigrationLock.this.renew(connection, this.holder);
			}
			catch (SQLException ex) {
				logger.warn("Could not renew the migration lock of database '{}': {}", this.target.name(),
						ClickHouseErrors.describe(ex));
			}
		}

		@Override
		public void check() {
			if (this.lost != null) {
				throw new ClickHouseMigrationException("Stopped migrating database '" + this.target.name() + "': "
						+ this.lost + ". Nothing more runs; the next migrate resumes where this one stopped.");
			}
		}

		@Override
		public void close() {
			this.renewer.shutdownNow();
			if (this.lost != null) {
				return;
			}
			try (Connection connection = this.target.dataSource().getConnection();
					Statement statement = connection.createStatement()) {
				if (this.uuid.equals(uuid(connection))) {
					statement.execute("DROP TABLE " + name());
				}
			}
			catch (SQLException ex) {
				logger.warn("Could not release the migration lock {} of database '{}': {}; it expires after {} s",
						name(), this.target.name(), ClickHouseErrors.describe(ex), TableMigrationLock.this.lease.toSeconds());
			}
		}

	}

}
