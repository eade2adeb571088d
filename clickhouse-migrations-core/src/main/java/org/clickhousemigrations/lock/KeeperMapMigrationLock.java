package org.clickhousemigrations.lock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.sql.ClickHouseErrors;
import org.clickhousemigrations.sql.Connections;
import org.clickhousemigrations.sql.Identifiers;

/**
 * A lock kept in Keeper (or ZooKeeper) through a {@code KeeperMap} table, for clusters: every node
 * that an instance connects to sees the same key. With {@code keeper_map_strict_mode = 1} a second
 * insert of a key fails, which makes taking the lock a real compare-and-set across the cluster.
 * No mutation of a MergeTree table is involved. Needs {@code <keeper_map_path_prefix>} in the
 * server configuration.
 */
public class KeeperMapMigrationLock extends LeaseLock {

	private static final int KEEPER_EXCEPTION = 999;

	private final String table;

	private final String keeperPath;

	/**
	 * @param table the KeeperMap table, created on each node where it is missing
	 * @param keeperPath the path of its data below {@code keeper_map_path_prefix}
	 * @param wait how long to wait for another holder
	 * @param lease how long a holder that stopped renewing keeps the lock
	 */
	public KeeperMapMigrationLock(String table, String keeperPath, Duration wait, Duration lease) {
		super(wait, lease);
		this.table = table;
		this.keeperPath = keeperPath;
	}

	@Override
	protected String tryTake(Connection connection, MigrationDatabase database, String holder) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS " + Identifiers.quote(this.table)
					+ " (name String, holder String, expires DateTime64(3, 'UTC')) ENGINE = KeeperMap("
					+ Identifiers.literal(this.keeperPath) + ") PRIMARY KEY name");
		}
		try {
			insert(connection, database, holder);
			return holder;
		}
		catch (SQLException ex) {
			// "Node exists": the key is taken. The driver does not always pass the message on, so any
			// Keeper error counts as "not taken now"; the caller reads the holder and tries again.
			if (ClickHouseErrors.code(ex) == KEEPER_EXCEPTION) {
				return null;
			}
			throw ex;
		}
	}

	@Override
	protected Holder read(Connection connection, MigrationDatabase database) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement("SELECT holder, toString(expires), expires < now64(3) "
				+ "FROM " + Identifiers.quote(this.table) + " WHERE name = ?")) {
			query.setString(1, key(connection, database));
			try (ResultSet result = query.executeQuery()) {
				return result.next() ? new Holder(result.getString(1), result.getString(2), result.getBoolean(3)) : null;
			}
		}
	}

	@Override
	protected void takeOver(Connection connection, MigrationDatabase database, Holder expired) throws SQLException {
		// Only the expired holder's row: a lock that another instance took meanwhile has another holder.
		delete(connection, database, expired.name());
	}

	@Override
	protected boolean renew(Connection connection, MigrationDatabase database, String holder, String token)
			throws SQLException {
		// A compare-and-set: in strict mode KeeperMap updates a key only at the version it read, in
		// one Keeper request (no MergeTree mutation is involved); a key that another instance took
		// meanwhile has another holder and is left alone.
		try (PreparedStatement update = connection.prepareStatement("ALTER TABLE " + Identifiers.quote(this.table)
				+ " UPDATE expires = now64(3) + toIntervalMillisecond(?) WHERE name = ? AND holder = ? "
				+ "SETTINGS keeper_map_strict_mode = 1")) {
			update.setLong(1, lease().toMillis());
			update.setString(2, key(connection, database));
			update.setString(3, holder);
			update.executeUpdate();
		}
		Holder current = read(connection, database);
		return current != null && current.name().equals(holder);
	}

	@Override
	protected void release(Connection connection, MigrationDatabase database, String holder, String token)
			throws SQLException {
		delete(connection, database, holder);
	}

	@Override
	protected String describe(MigrationDatabase database) {
		return "KeeperMap " + this.table + " ('" + this.keeperPath + "')";
	}

	// In strict mode, an insert of a key that exists fails: taking the lock is a compare-and-set.
	private void insert(Connection connection, MigrationDatabase database, String holder) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + Identifiers.quote(this.table)
				+ " (name, holder, expires) SETTINGS keeper_map_strict_mode = 1"
				+ " VALUES (?, ?, now64(3) + toIntervalMillisecond(?))")) {
			insert.setString(1, key(connection, database));
			insert.setString(2, holder);
			insert.setLong(3, lease().toMillis());
			insert.executeUpdate();
		}
	}

	private void delete(Connection connection, MigrationDatabase database, String holder) throws SQLException {
		try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + Identifiers.quote(this.table)
				+ " WHERE name = ? AND holder = ?")) {
			delete.setString(1, key(connection, database));
			delete.setString(2, holder);
			delete.executeUpdate();
		}
	}

	// One key per ClickHouse database: instances of one database contend, others do not.
	private static String key(Connection connection, MigrationDatabase database) throws SQLException {
		String name = Connections.database(connection);
		return (name != null) ? name : database.name();
	}

}
