package org.clickhousemigrations.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.clickhousemigrations.DeclaredSchemas;
import org.clickhousemigrations.diff.SchemaChange;
import org.clickhousemigrations.resolve.DeclaredSchemaReader;
import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.EmbeddedClickHouseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The schema a module's migrations make, compared in ClickHouse with the one it declares. */
@ExtendWith(EmbeddedClickHouseExtension.class)
class SchemaComparisonIT {

	@TempDir
	Path root;

	private String database;

	@Test
	void statementsThatCloseTheGapCloseIt(EmbeddedClickHouse clickHouse) throws IOException {
		write("shop/V1__create.sql", """
				CREATE TABLE events (id UInt64, at DateTime, note String) ENGINE = MergeTree ORDER BY id;
				CREATE TABLE sessions (id UInt64, user UInt32) ENGINE = MergeTree ORDER BY id;
				""");
		// Spellings that ClickHouse canonicalizes: INT, Int32 and Nullable(DateTime64(3, 'UTC')).
		write("shop/schema/events.sql", """
				CREATE TABLE events (id UInt64, at Nullable(DateTime64(3, 'UTC')) COMMENT 'when', note String,
				    kind LowCardinality(String) DEFAULT 'click', amount INT,
				    INDEX by_kind kind TYPE set(10) GRANULARITY 2)
				ENGINE = MergeTree ORDER BY id SETTINGS ttl_only_drop_parts = 1 COMMENT 'clicks'
				""");
		write("shop/schema/sessions.sql", """
				CREATE TABLE sessions (id UInt64, user Int32) ENGINE = MergeTree ORDER BY (user, id)
				""");
		write("shop/schema/daily.sql", """
				CREATE TABLE daily (day Date, n UInt64) ENGINE = SummingMergeTree ORDER BY day
				""");
		List<SchemaChange> changes = compare(clickHouse);
		assertThat(changes).map((change) -> change.object() + ": " + change.change()).containsExactlyInAnyOrder(
				"daily: declared, not created by the migrations",
				"events: column at changed from DateTime",
				"events: column kind added",
				"events: column amount added",
				"events: index by_kind added",
				"events: settings changed",
				"events: comment changed",
				"sessions: engine, keys or fixed settings changed (MergeTree ORDER BY id -> MergeTree ORDER BY (user, id)): ClickHouse "
						+ "cannot change them in place, so a new table is filled and exchanged, inserts going on",
				"sessions: the table as it was before the exchange, now sessions__new, is no longer needed");
		assertThat(changes).filteredOn(SchemaChange::drops).map(SchemaChange::object).containsExactly("sessions");

		// The loop: write what closes the gap as the next migration, and compare again.
		List<String> forward = new ArrayList<>();
		changes.forEach((change) -> forward.addAll(change.forward()));
		write("shop/V2__close_the_gap.sql", String.join(";\n", forward) + ";\n");
		assertThat(compare(clickHouse)).isEmpty();
	}

	@Test
	void droppedColumnsAndTablesAreMarkedAsDroppingData(EmbeddedClickHouse clickHouse) throws IOException {
		write("shop/V1__create.sql", """
				CREATE TABLE a (id UInt64, gone String) ENGINE = MergeTree ORDER BY id;
				CREATE TABLE b (id UInt64) ENGINE = MergeTree ORDER BY id;
				""");
		write("shop/schema/a.sql", "CREATE TABLE a (id UInt64) ENGINE = MergeTree ORDER BY id");
		List<SchemaChange> changes = compare(clickHouse);
		assertThat(changes).allMatch(SchemaChange::drops).map((change) -> change.forward().get(0))
			.containsExactlyInAnyOrder("ALTER TABLE `a` DROP COLUMN `gone`", "DROP TABLE `b`");
		assertThat(changes).map((change) -> change.rollback().get(0))
			.containsExactlyInAnyOrder("ALTER TABLE `a` ADD COLUMN `gone` String",
					"CREATE TABLE b (`id` UInt64) ENGINE = MergeTree ORDER BY id SETTINGS index_granularity = 8192");
	}

	@Test
	void tableDeclaredAsAJavaRecordRoundTripsThroughClickHouse(EmbeddedClickHouse clickHouse) throws IOException {
		write("shop/V1__create.sql", "CREATE TABLE IF NOT EXISTS other (id UInt8) ENGINE = Memory;\n");
		// db.declared.shop.schema.PageView: every Java type that maps to a ClickHouse type.
		List<SchemaChange> changes = compare(clickHouse, "classpath:db/declared");
		assertThat(changes).map((change) -> change.object() + ": " + change.change()).containsExactlyInAnyOrder(
				"page_view: declared, not created by the migrations", "other: created by the migrations, not declared");
		SchemaChange create = changes.stream().filter((change) -> change.object().equals("page_view")).findFirst()
			.orElseThrow();
		write("shop/V2__page_views.sql", String.join(";\n", create.forward()) + ";\n");
		assertThat(compare(clickHouse, "classpath:db/declared")).map(SchemaChange::object).containsExactly("other");
	}

	@Test
	void aColumnDeclaredRenamedIsRenamedNotDroppedAndAdded(EmbeddedClickHouse clickHouse) throws IOException {
		write("shop/V1__create.sql", "CREATE TABLE visit (id Int64, uid UInt32) ENGINE = MergeTree ORDER BY id;\n");
		// db.renamed.shop.schema.Visit: @ClickHouseColumn(renamedFrom = "uid") long userId.
		List<SchemaChange> changes = compare(clickHouse, "classpath:db/renamed");
		assertThat(changes).map((change) -> change.object() + ": " + change.change()).containsExactly(
				"visit: column uid renamed to user_id", "visit: column user_id changed from UInt32");
		assertThat(changes).noneMatch(SchemaChange::drops);
		List<String> forward = new ArrayList<>();
		changes.forEach((change) -> forward.addAll(change.forward()));
		write("shop/V2__rename.sql", String.join(";\n", forward) + ";\n");
		assertThat(compare(clickHouse, "classpath:db/renamed")).isEmpty();
	}

	@Test
	void theAssertionFailsATestWhenMigrationsAndDeclarationDisagree(EmbeddedClickHouse clickHouse) throws IOException {
		write("shop/V1__create.sql", "CREATE TABLE t (id UInt64) ENGINE = MergeTree ORDER BY id;\n");
		write("shop/schema/t.sql", "CREATE TABLE t (id UInt64) ENGINE = MergeTree ORDER BY id");
		schemas(clickHouse).assertMigrationsMakeDeclaredSchema("main", "shop");
		write("shop/schema/t.sql", "CREATE TABLE t (id UInt64, note String) ENGINE = MergeTree ORDER BY id");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> schemas(clickHouse).assertMigrationsMakeDeclaredSchema("main", "shop"))
			.withMessage("""
					The migrations of module 'shop' do not make its declared schema (1 difference):
					  -- t: column note added
					  ALTER TABLE `t` ADD COLUMN `note` String AFTER `id`;
					Write the migration with --clickhouse.migrations.command=generate \
					--clickhouse.migrations.target=shop --clickhouse.migrations.from=schema, or change the declaration back.""");
	}

	private List<SchemaChange> compare(EmbeddedClickHouse clickHouse, String... declarationLocations) {
		List<SchemaChange> changes = schemas(clickHouse, declarationLocations).diff("main", "shop");
		assertThat(clickHouse.query("SELECT count() FROM system.databases WHERE startsWith(name, 'chm_scratch_')"))
			.as("scratch databases dropped").isEqualTo("0\n");
		assertThat(clickHouse.query("SELECT count() FROM system.tables WHERE database = '" + this.database + "'"))
			.as("nothing written to the database itself").isEqualTo("0\n");
		return changes;
	}

	// The migrations of the temporary folder on a new database, declarations from there and the locations.
	private DeclaredSchemas schemas(EmbeddedClickHouse clickHouse, String... declarationLocations) {
		this.database = clickHouse.createDatabase("compare");
		List<String> locations = new ArrayList<>(List.of("filesystem:" + this.root));
		locations.addAll(List.of(declarationLocations));
		return new DefaultDeclaredSchemas(CrashMain.migrations(clickHouse.jdbcUrl(this.database),
				"filesystem:" + this.root, Clock.systemUTC()), new DeclaredSchemaReader(locations,
						getClass().getClassLoader()), Map.of());
	}

	private void write(String path, String text) throws IOException {
		Path file = this.root.resolve(path);
		Files.createDirectories(file.getParent());
		Files.writeString(file, text);
	}

}
