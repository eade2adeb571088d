package org.clickhousemigrations.lock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.sql.ClickHouseErrors;
import org.clickhousemigrations.sql.Identifiers;

/**
 * A lock that is a table, for a single ClickHouse server: {@code CREATE TABLE} (without
 * {@code IF NOT EXISTS}) is atomic on a server, so exactly one instance creates it. No mutation
 * is involved. The holder renews its lease with rows in the table; an expired lock is moved aside
 * with an atomic {@code RENAME}. A holder renews or drops only a table that holds its own rows and
 * no one else's, so it never touches a table that another instance created; this works in a
 * database of any engine, Ordinary included. On a cluster use {@link KeeperMapMigrationLock}.
 */
public class TableMigrationLock extends LeaseLock {

	private static final int TABLE_ALREADY_EXISTS = 57;

	private final String table;

	private final String database;

	/**
	 * @param table the lock table's name
	 * @param database the database that holds it; {@code null} for the connection's database
	 * @param wait how long to wait for another holder
	 * @param lease how long a holder that stopped renewing keeps the lock
	 */
	public TableMigrationLock(String table, String database, Duration wait, Duration lease) {
		super(wait, lease);
		this.table = table;
		this.database = database;
	}

	@Override
	protected String tryTake(Connection connection, MigrationDatabase target, String holder) throws SQLException {
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
		insertLease(connection, holder);
		return holder;
	}

	@Override
	protected Holder read(Connection connection, MigrationDatabase target) throws SQLException {
		String sql = "SELECT count(), argMax(holder, expires), max(expires), max(expires) < now64(3), "
				+ "(SELECT max(metadata_modification_time) FROM system.tables WHERE database = " + databaseExpression()
				+ " AND name = ?) < now() - toIntervalMillisecond(?) FROM " + name();
		try (PreparedStatement query = connection.prepareStatement(sql)) {
			int index = bindDatabase(query);
			query.setString(index++, this.table);
			query.setLong(index, lease().toMillis());
			try (ResultSet result = query.executeQuery()) {
				result.next();
				boolean empty = result.getLong(1) == 0;
				// An empty table was either just created, or its creator died before its first lease row.
				return new Holder(empty ? "an instance that is starting" : result.getString(2),
						empty ? "unknown" : result.getString(3), empty ? result.getBoolean(5) : result.getBoolean(4));
			}
		}
		catch (SQLException ex) {
			if (ClickHouseErrors.isUnknownTableOrDatabase(ex)) {
				return null;
			}
			throw ex;
		}
	}

	@Override
	protected void takeOver(Connection connection, MigrationDatabase target, Holder expired) throws SQLException {
		String aside = Identifiers.quote(((this.database != null) ? this.database + "." : "") + this.table + "_expired_"
				+ UUID.randomUUID().toString().replace("-", ""));
		try (Statement statement = connection.createStatement()) {
			// RENAME is atomic: of several instances that saw the lease expire, one moves the table.
			statement.execute("RENAME TABLE " + name() + " TO " + aside);
			boolean stillExpired;
			try (ResultSet result = statement
				.executeQuery("SELECT count() = 0 OR max(expires) < now64(3) FROM " + aside)) {
				stillExpired = result.next() && result.getBoolean(1);
			}
			// Another instance may have taken over and created a fresh lock between our read and our RENAME.
			statement.execute(stillExpired ? "DROP TABLE " + aside : "RENAME TABLE " + aside + " TO " + name());
		}
		catch (SQLException ex) {
			if (!ClickHouseErrors.isUnknownTableOrDatabase(ex) && ClickHouseErrors.code(ex) != TABLE_ALREADY_EXISTS) {
				throw ex;
			}
		}
	}

	@Override
	protected boolean renew(Connection connection, MigrationDatabase target, String holder, String token)
			throws SQLException {
		// Only into a table that holds our rows and no one else's: after a take-over the table is
		// another one, and a late renewal must not land in it.
		try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + name() + " (holder, expires) "
				+ "SELECT ?, now64(3) + toIntervalMillisecond(?) FROM (SELECT countIf(holder != ?) AS others, "
				+ "count() AS rows FROM " + name() + ") WHERE others = 0 AND rows > 0")) {
			insert.setString(1, holder);
			insert.setLong(2, lease().toMillis());
			insert.setString(3, holder);
			insert.executeUpdate();
		}
		catch (SQLException ex) {
			if (ClickHouseErrors.isUnknownTableOrDatabase(ex)) {
				return false;
			}
			throw ex;
		}
		return isOurs(connection, holder);
	}

	@Override
	protected void release(Connection connection, MigrationDatabase target, String holder, String token)
			throws SQLException {
		if (isOurs(connection, holder)) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("DROP TABLE " + name());
			}
		}
	}

	@Override
	protected String describe(MigrationDatabase target) {
		return "table " + ((this.database != null) ? this.database + "." : "") + this.table;
	}

	private void insertLease(Connection connection, String holder) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + name()
				+ " (holder, expires) VALUES (?, now64(3) + toIntervalMillisecond(?))")) {
			insert.setString(1, holder);
			insert.setLong(2, lease().toMillis());
			insert.executeUpdate();
		}
	}

	// The token of a holding is its holder name, unique per holding: table UUIDs would do, but
	// every table of an Ordinary database (and of chDB's default one) has the zero UUID.
	private boolean isOurs(Connection connection, String holder) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement(
				"SELECT countIf(holder != ?) = 0 AND count() > 0 FROM " + name())) {
			query.setString(1, holder);
			try (ResultSet result = query.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
		catch (SQLException ex) {
			if (ClickHouseErrors.isUnknownTableOrDatabase(ex)) {
				return false;
			}
			throw ex;
		}
	}

	private int bindDatabase(PreparedStatement query) throws SQLException {
		if (this.database != null) {
			query.setString(1, this.database);
			return 2;
		}
		return 1;
	}

	private String databaseExpression() {
		return (this.database != null) ? "?" : "currentDatabase()";
	}

	private String name() {
		return (this.database != null) ? Identifiers.quote(this.database) + "." + Identifiers.quote(this.table)
				: Identifiers.quote(this.table);
	}

}
