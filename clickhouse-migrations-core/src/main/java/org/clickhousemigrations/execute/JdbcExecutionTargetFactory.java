package org.clickhousemigrations.execute;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.history.MigrationHistory;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.sql.ClusterSupport;
import org.clickhousemigrations.sql.Connections;
import org.clickhousemigrations.sql.Placeholders;

/**
 * Opens targets on a connection of the database's {@code DataSource}: a live one that keeps the
 * connection, or a dry run that reads what it needs from one and gives it back.
 */
public final class JdbcExecutionTargetFactory implements ExecutionTargetFactory {

	private final MigrationHistory history;

	private final Map<String, String> placeholders;

	private final Retry retry;

	private final CopyLimits copyLimits;

	private final Set<String> secretPlaceholders;

	/**
	 * The factory {@code DefaultClickHouseMigrations.builder()} makes from its settings.
	 * @param history where live targets record, and what dry runs render
	 * @param placeholders the global configured placeholders
	 * @param retry how long ClickHouse is waited for when it asks to
	 * @param secretPlaceholders placeholders whose values are shown nowhere, besides those secret by
	 * their name
	 * @param copyLimits how hard backfills and live copies may press on ClickHouse
	 */
	public JdbcExecutionTargetFactory(MigrationHistory history, Map<String, String> placeholders, Retry retry,
			Collection<String> secretPlaceholders, CopyLimits copyLimits) {
		this.history = history;
		this.placeholders = Map.copyOf(placeholders);
		this.retry = retry;
		this.secretPlaceholders = Set.copyOf(secretPlaceholders);
		this.copyLimits = copyLimits;
	}

	@Override
	public ExecutionTarget open(MigrationDatabase database, boolean dryRun) {
		Connection connection;
		try {
			connection = database.dataSource().getConnection();
		}
		catch (SQLException ex) {
			throw ClickHouseMigrationException.cannotConnect(database.name(), ex);
		}
		try {
			Placeholders placeholders = Placeholders.of(Connections.database(connection), database.cluster(),
					ClusterSupport.onCluster(connection, database.cluster(), null), this.placeholders,
					database.placeholders(), this.secretPlaceholders);
			if (!dryRun) {
				return new JdbcExecutionTarget(database, this.history, placeholders, connection, this.retry,
						this.copyLimits);
			}
			try (connection) {
				return new DryRunTarget(database, this.history, connection.getMetaData().getUserName(), placeholders,
						this.retry);
			}
		}
		catch (SQLException ex) {
			close(connection);
			throw ClickHouseMigrationException.cannotConnect(database.name(), ex);
		}
	}

	private static void close(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			// Nothing left to do with it.
		}
	}

}
