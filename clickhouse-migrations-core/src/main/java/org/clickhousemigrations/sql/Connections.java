package org.clickhousemigrations.sql;

import java.sql.Connection;
import java.sql.SQLException;

/** What a JDBC connection to ClickHouse says about itself. */
public final class Connections {

	private Connections() {
	}

	/** The ClickHouse database the connection uses; drivers report it as the schema or as the catalog. */
	public static String database(Connection connection) throws SQLException {
		String schema = connection.getSchema();
		return (schema != null) ? schema : connection.getCatalog();
	}

}
