package org.clickhousemigrations.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;


/**
 * Decides the {@code ON CLUSTER} clause. A database of engine {@code Replicated} replicates DDL by
 * itself and refuses {@code ON CLUSTER}, so there the clause is empty.
 */
public final class ClusterSupport {

	private ClusterSupport() {
	}

	/**
	 * The clause for DDL in {@code database} (the connection's database when {@code null}).
	 * Asks the server only when a cluster is configured.
	 */
	public static String onCluster(Connection connection, String cluster, String database) throws SQLException {
		if (cluster == null || cluster.isBlank()) {
			return "";
		}
		return isReplicatedDatabase(connection, database) ? "" : onClusterClause(cluster);
	}

	/** {@code ON CLUSTER `name`}. */
	public static String onClusterClause(String cluster) {
		return "ON CLUSTER " + Identifiers.quote(cluster);
	}

	static boolean isReplicatedDatabase(Connection connection, String database) throws SQLException {
		String sql = "SELECT engine FROM system.databases WHERE name = "
				+ ((database != null) ? "?" : "currentDatabase()");
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			if (database != null) {
				statement.setString(1, database);
			}
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && "Replicated".equals(result.getString(1));
			}
		}
	}

}
