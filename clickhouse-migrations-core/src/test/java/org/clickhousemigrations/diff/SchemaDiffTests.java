package org.clickhousemigrations.diff;

import java.util.List;
import java.util.Map;

import org.clickhousemigrations.diff.TableSchema.ColumnSchema;
import org.clickhousemigrations.diff.TableSchema.IndexSchema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaDiffTests {

	@Test
	void sameSchemasHaveNoDifference() {
		assertThat(SchemaDiff.between(Map.of("t", table("t")), Map.of("t", table("t")), List.of())).isEmpty();
	}

	@Test
	void ttlChangesInPlaceAndItsRemovalToo() {
		TableSchema withTtl = new TableSchema("t", "MergeTree", "MergeTree ORDER BY id", "d + toIntervalDay(1)",
				Map.of(), "", "", "CREATE TABLE t", columns(), List.of(), Map.of());
		SchemaChange change = SchemaDiff.between(Map.of("t", table("t")), Map.of("t", withTtl), List.of()).get(0);
		assertThat(change.forward()).containsExactly("ALTER TABLE `t` MODIFY TTL d + toIntervalDay(1)");
		assertThat(change.rollback()).containsExactly("ALTER TABLE `t` REMOVE TTL");
	}

	@Test
	void onlyACommentOfAColumnChangedIsAComment() {
		TableSchema commented = new TableSchema("t", "MergeTree", "MergeTree ORDER BY id", "", Map.of(), "", "",
				"CREATE TABLE t", List.of(new ColumnSchema("id", "UInt64", "", "", "", "the key")), List.of(), Map.of());
		assertThat(SchemaDiff.between(Map.of("t", table("t")), Map.of("t", commented), List.of())).singleElement()
			.satisfies((change) -> {
				assertThat(change.forward()).containsExactly("ALTER TABLE `t` COMMENT COLUMN `id` 'the key'");
				assertThat(change.rollback()).containsExactly("ALTER TABLE `t` COMMENT COLUMN `id` ''");
			});
	}

	@Test
	void changedIndexIsDroppedAndAddedAndComesBackOnRollback() {
		TableSchema before = withIndex(new IndexSchema("i", "id", "minmax", 1));
		TableSchema after = withIndex(new IndexSchema("i", "id", "set(10)", 2));
		SchemaChange change = SchemaDiff.between(Map.of("t", before), Map.of("t", after), List.of()).get(0);
		assertThat(change.forward()).containsExactly("ALTER TABLE `t` DROP INDEX IF EXISTS `i`",
				"ALTER TABLE `t` ADD INDEX `i` id TYPE set(10) GRANULARITY 2");
		assertThat(change.rollback()).containsExactly("ALTER TABLE `t` DROP INDEX IF EXISTS `i`",
				"ALTER TABLE `t` ADD INDEX `i` id TYPE minmax GRANULARITY 1");
	}

	@Test
	void settingsThatCanChangeChangeInPlaceAndFixedOnesNeedACopy() {
		SchemaChange modified = SchemaDiff.between(Map.of("t", withSettings(Map.of("index_granularity", "8192"))),
				Map.of("t", withSettings(Map.of("index_granularity", "8192", "ttl_only_drop_parts", "1"))), List.of()).get(0);
		assertThat(modified.forward()).containsExactly("ALTER TABLE `t` MODIFY SETTING ttl_only_drop_parts = 1");
		assertThat(modified.rollback()).containsExactly("ALTER TABLE `t` RESET SETTING ttl_only_drop_parts");
		List<SchemaChange> copied = SchemaDiff.between(Map.of("t", withSettings(Map.of("index_granularity", "8192"))),
				Map.of("t", withSettings(Map.of("index_granularity", "1024"))), List.of());
		// Between MergeTree tables of one server the copy keeps the rows inserted while it runs.
		assertThat(copied.get(0).forward()).containsExactly(
				"CREATE TABLE t__new (id UInt64) ENGINE = MergeTree ORDER BY id",
				"-- copy: live\nEXCHANGE TABLES `t` AND `t__new`");
		assertThat(copied.get(0).change()).endsWith("inserts going on");
		assertThat(copied.get(0).drops()).isFalse();
		// Undone by the same plan the other way, whether the table left behind was dropped or not.
		assertThat(copied.get(0).rollback()).containsExactly(
				"CREATE TABLE t__old (id UInt64) ENGINE = MergeTree ORDER BY id",
				"-- copy: live\nEXCHANGE TABLES `t` AND `t__old`", "DROP TABLE `t__old`", "DROP TABLE IF EXISTS `t__new`");
		assertThat(copied.get(1).forward()).containsExactly("DROP TABLE `t__new`");
		assertThat(copied.get(1).drops()).isTrue();
	}

	@Test
	void aReplicatedTableIsCopiedAsItIsWithInsertsPaused() {
		TableSchema before = new TableSchema("t", "ReplicatedMergeTree", "ReplicatedMergeTree ORDER BY id", "", Map.of(),
				"", "", "CREATE TABLE t (id UInt64) ENGINE = ReplicatedMergeTree ORDER BY id", columns(), List.of(),
				Map.of());
		TableSchema after = new TableSchema("t", "ReplicatedMergeTree", "ReplicatedMergeTree ORDER BY (id, 1)", "",
				Map.of(), "", "", "CREATE TABLE t (id UInt64) ENGINE = ReplicatedMergeTree ORDER BY (id, 1)", columns(),
				List.of(), Map.of());
		SchemaChange copy = SchemaDiff.between(Map.of("t", before), Map.of("t", after), List.of()).get(0);
		assertThat(copy.forward()).containsExactly(
				"CREATE TABLE t__new (id UInt64) ENGINE = ReplicatedMergeTree ORDER BY (id, 1)",
				"INSERT INTO `t__new` (`id`) SELECT `id` FROM `t`", "EXCHANGE TABLES `t` AND `t__new`");
		assertThat(copy.change()).endsWith("pause inserts into it while this runs");
	}

	@Test
	void aColumnDeclaredRenamedIsRenamedThenChangedAndNotDropped() {
		TableSchema before = new TableSchema("t", "MergeTree", "MergeTree ORDER BY id", "", Map.of(), "", "",
				"CREATE TABLE t", List.of(new ColumnSchema("id", "UInt64", "", "", "", ""),
						new ColumnSchema("uid", "UInt32", "", "", "", "")), List.of(), Map.of());
		TableSchema after = new TableSchema("t", "MergeTree", "MergeTree ORDER BY id", "", Map.of(), "", "",
				"CREATE TABLE t", List.of(new ColumnSchema("id", "UInt64", "", "", "", ""),
						new ColumnSchema("user_id", "UInt64", "", "", "", "")), List.of(), Map.of());
		List<SchemaChange> changes = SchemaDiff.between(Map.of("t", before), Map.of("t", after),
				List.of(new ColumnRename("t", "uid", "user_id")));
		assertThat(changes).map(SchemaChange::change).containsExactly("column uid renamed to user_id",
				"column user_id changed from UInt32");
		assertThat(changes.get(0).forward()).containsExactly("ALTER TABLE `t` RENAME COLUMN `uid` TO `user_id`");
		assertThat(changes.get(0).rollback()).containsExactly("ALTER TABLE `t` RENAME COLUMN `user_id` TO `uid`");
		assertThat(changes.get(1).forward()).containsExactly("ALTER TABLE `t` MODIFY COLUMN `user_id` UInt64");
		assertThat(changes.get(1).rollback()).containsExactly("ALTER TABLE `t` MODIFY COLUMN `user_id` UInt32");
		// Once renamed, the declaration's note changes nothing; without it, it is a drop and an add.
		assertThat(SchemaDiff.between(Map.of("t", after), Map.of("t", after), List.of(new ColumnRename("t", "uid",
				"user_id")))).isEmpty();
		assertThat(SchemaDiff.between(Map.of("t", before), Map.of("t", after), List.of()))
			.map(SchemaChange::change).containsExactly("column user_id added", "column uid not declared");
	}

	@Test
	void changedViewIsRecreated() {
		TableSchema before = new TableSchema("v", "View", "", "", Map.of(), "", "SELECT 1", "CREATE VIEW v AS SELECT 1",
				List.of(), List.of(), Map.of());
		TableSchema after = new TableSchema("v", "View", "", "", Map.of(), "", "SELECT 2", "CREATE VIEW v AS SELECT 2",
				List.of(), List.of(), Map.of());
		assertThat(SchemaDiff.between(Map.of("v", before), Map.of("v", after), List.of())).singleElement()
			.satisfies((change) -> assertThat(change.forward()).containsExactly("DROP VIEW `v`", "CREATE VIEW v AS SELECT 2"));
	}

	@Test
	void tableSettingsAreReadAsAMap() {
		assertThat(SchemaReader.settings("index_granularity = 8192, storage_policy = 'a, b'"))
			.containsExactly(Map.entry("index_granularity", "8192"), Map.entry("storage_policy", "'a, b'"));
	}

	private static TableSchema table(String name) {
		return new TableSchema(name, "MergeTree", "MergeTree ORDER BY id", "", Map.of(), "", "", "CREATE TABLE " + name,
				columns(), List.of(), Map.of());
	}

	private static TableSchema withIndex(IndexSchema index) {
		return new TableSchema("t", "MergeTree", "MergeTree ORDER BY id", "", Map.of(), "", "", "CREATE TABLE t",
				columns(), List.of(index), Map.of());
	}

	private static TableSchema withSettings(Map<String, String> settings) {
		return new TableSchema("t", "MergeTree", "MergeTree ORDER BY id", "", settings, "", "",
				"CREATE TABLE t (id UInt64) ENGINE = MergeTree ORDER BY id", columns(), List.of(), Map.of());
	}

	private static List<ColumnSchema> columns() {
		return List.of(new ColumnSchema("id", "UInt64", "", "", "", ""));
	}

}
