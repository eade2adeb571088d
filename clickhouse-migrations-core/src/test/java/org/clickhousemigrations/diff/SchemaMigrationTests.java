package org.clickhousemigrations.diff;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaMigrationTests {

	private final List<SchemaChange> changes = List.of(
			new SchemaChange("t", "column c added", List.of("ALTER TABLE t ADD COLUMN c UInt8"),
					List.of("ALTER TABLE t DROP COLUMN c"), false),
			new SchemaChange("u", "created by the migrations, not declared", List.of("DROP TABLE u"),
					List.of("CREATE TABLE u (x UInt8)\nENGINE = Memory"), true));

	@Test
	void dropsAreCommentedOutWithTheirRollbackAndTheRestRunsBackwards() {
		assertThat(SchemaMigration.render("tidy up", "shop", this.changes, false)).isEqualTo("""
				-- tidy up
				-- Generated from the declared schema of module 'shop' (clickhouse-migrations generate --from=schema). Review it before it runs.

				-- t: column c added
				ALTER TABLE t ADD COLUMN c UInt8;

				-- u: created by the migrations, not declared
				-- WARNING: this drops data. Uncomment it once reviewed, or generate again with --clickhouse.migrations.allow-drop=true.
				-- DROP TABLE u;

				-- rollback
				-- CREATE TABLE u (x UInt8)
				-- ENGINE = Memory;
				ALTER TABLE t DROP COLUMN c;
				""");
	}

	@Test
	void dropsAreWrittenWhenAllowed() {
		assertThat(SchemaMigration.render("tidy up", "shop", this.changes, true)).contains("\nDROP TABLE u;\n")
			.doesNotContain("WARNING");
	}

}
