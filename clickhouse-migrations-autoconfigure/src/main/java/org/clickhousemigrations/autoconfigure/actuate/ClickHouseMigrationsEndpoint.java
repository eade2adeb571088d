package org.clickhousemigrations.autoconfigure.actuate;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.autoconfigure.report.StatusDocument;
import org.clickhousemigrations.autoconfigure.report.StatusDocument.DatabaseDescriptor;
import org.clickhousemigrations.autoconfigure.report.StatusDocument.MigrationsDescriptor;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code /actuator/clickhousemigrations}: the migrations of every configured database and their
 * states, read from the histories, with the statement running now (see {@link StatusDocument}). A
 * database that cannot be reached is reported as such; the endpoint itself still answers. No URL
 * or credential appears in it.
 */
@Endpoint(id = "clickhousemigrations")
public class ClickHouseMigrationsEndpoint {

	private final ClickHouseMigrations migrations;

	public ClickHouseMigrationsEndpoint(ClickHouseMigrations migrations) {
		this.migrations = migrations;
	}

	@ReadOperation
	public MigrationsDescriptor migrations() {
		return StatusDocument.of(this.migrations);
	}

	@ReadOperation
	public DatabaseDescriptor database(@Selector String database) {
		boolean known = this.migrations.databases().stream().anyMatch((each) -> each.name().equals(database));
		return known ? StatusDocument.of(this.migrations, database) : null;
	}

}
