package org.clickhousemigrations.demo;

import org.clickhousemigrations.DeclaredSchemas;
import org.clickhousemigrations.test.AutoConfigureEmbeddedClickHouse;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Fails when someone changes the declared schema of module {@code events} (the record
 * {@code db.clickhouse.events.schema.Event} and the files in {@code db/clickhouse/events/schema})
 * without the migration that makes it, or a migration without the declaration.
 */
@SpringBootTest
@AutoConfigureEmbeddedClickHouse(databases = { "reporting", "archive" })
class DemoSchemaIT {

	@Autowired
	DeclaredSchemas schemas;

	@Test
	void theMigrationsMakeTheDeclaredSchema() {
		this.schemas.assertMigrationsMakeDeclaredSchema("primary", "events");
	}

}
