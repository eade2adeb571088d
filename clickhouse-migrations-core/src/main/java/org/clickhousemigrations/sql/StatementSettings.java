package org.clickhousemigrations.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.ClassUtils;

/**
 * The settings every migration statement needs, passed with the query itself: a session
 * {@code SET} does not carry across HTTP requests on every deployment.
 */
public final class StatementSettings {

	/**
	 * ALTER UPDATE/DELETE and some ALTERs are asynchronous unless told to wait; the next statement
	 * must see their result, on every replica.
	 */
	public static final Map<String, String> SETTINGS = Map.of("mutations_sync", "2", "alter_sync", "2");

	private static final Logger logger = LoggerFactory.getLogger(StatementSettings.class);

	private static final boolean OFFICIAL_DRIVER = ClassUtils.isPresent("com.clickhouse.jdbc.StatementImpl",
			StatementSettings.class.getClassLoader());

	private static volatile boolean warned;

	private StatementSettings() {
	}

	/** Sets {@link #SETTINGS} on the statement, or warns once when the driver cannot take them. */
	public static void apply(Statement statement) throws SQLException {
		apply(statement, null, null, Map.of());
	}

	/**
	 * Sets {@link #SETTINGS} and gives the statement an identity: its query id, logged in
	 * {@code system.query_log} whatever the user's profile says, and sent once only (the driver's
	 * own retries are off, since a request whose answer was lost may have run).
	 * @param queryId the query id, or {@code null} for none of this
	 * @param deduplicationToken the {@code insert_deduplication_token} of an INSERT, or {@code null}
	 * @param extra further settings, such as those a migration file's {@code SET} statements gave it
	 */
	public static void apply(Statement statement, String queryId, String deduplicationToken,
			Map<String, String> extra) throws SQLException {
		if (OFFICIAL_DRIVER && statement.isWrapperFor(com.clickhouse.jdbc.StatementImpl.class)) {
			var settings = statement.unwrap(com.clickhouse.jdbc.StatementImpl.class).getLocalSettings();
			SETTINGS.forEach(settings::serverSetting);
			extra.forEach(settings::serverSetting);
			if (queryId != null) {
				settings.setQueryId(queryId);
				settings.setOption(com.clickhouse.client.api.ClientConfigProperties.RETRY_ON_FAILURE.getKey(), 0);
				settings.serverSetting("log_queries", "1");
			}
			if (deduplicationToken != null) {
				settings.serverSetting("insert_deduplication_token", deduplicationToken);
			}
		}
		else if (!warned) {
			warned = true;
			logger.warn("The JDBC driver is not the official ClickHouse driver (com.clickhouse:clickhouse-jdbc), so "
					+ "{} cannot be passed with each statement; set them on the connection URL or user profile",
					SETTINGS);
		}
	}

	/**
	 * Runs one statement on the connection with these settings, as {@link #apply(Statement, String,
	 * String, Map)} gives them.
	 */
	public static void execute(Connection connection, String sql, String queryId, String deduplicationToken,
			Map<String, String> extra) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			apply(statement, queryId, deduplicationToken, extra);
			statement.execute(sql);
		}
	}

}
