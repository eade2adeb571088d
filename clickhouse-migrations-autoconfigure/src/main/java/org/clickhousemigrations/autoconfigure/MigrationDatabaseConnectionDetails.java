package org.clickhousemigrations.autoconfigure;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * Where a migration database is, from somewhere else than its properties: a container started for
 * the tests, a Docker Compose service, a secrets store. A bean of this type gives
 * {@code clickhouse.migrations.databases.<database>} its URL, user and password, over the
 * properties (which may then leave them out, or name no such database at all):
 *
 * <pre class="code">
 * &#64;Bean
 * MigrationDatabaseConnectionDetails reporting(ClickHouseContainer reportingClickHouse) {
 *     return MigrationDatabaseConnectionDetails.of("reporting", reportingClickHouse.getJdbcUrl(),
 *             reportingClickHouse.getUsername(), reportingClickHouse.getPassword());
 * }
 * </pre>
 */
public interface MigrationDatabaseConnectionDetails extends ConnectionDetails {

	/** The name of the database in {@code clickhouse.migrations.databases}. */
	String database();

	String getJdbcUrl();

	String getUsername();

	String getPassword();

	/** The database {@code database} at {@code jdbcUrl}. */
	static MigrationDatabaseConnectionDetails of(String database, String jdbcUrl, String username, String password) {
		return new MigrationDatabaseConnectionDetails() {

			@Override
			public String database() {
				return database;
			}

			@Override
			public String getJdbcUrl() {
				return jdbcUrl;
			}

			@Override
			public String getUsername() {
				return username;
			}

			@Override
			public String getPassword() {
				return password;
			}

		};
	}

	/**
	 * The database {@code database} where {@code details} point, such as the details Spring Boot
	 * makes for a Docker Compose service or a container with {@code @ServiceConnection}.
	 */
	static MigrationDatabaseConnectionDetails of(String database, JdbcConnectionDetails details) {
		return of(database, details.getJdbcUrl(), details.getUsername(), details.getPassword());
	}

}
