package org.clickhousemigrations;

import org.clickhousemigrations.sql.Identifiers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OperationsTests {

	@Test
	void createTableQuotesNamesAndIsUndoneByDrop() {
		Operation operation = Operations.createTable("events.raw", "id UInt64", "MergeTree ORDER BY id");
		assertThat(operation.forward().sql())
			.isEqualTo("CREATE TABLE IF NOT EXISTS `events`.`raw` ${on_cluster} (id UInt64) ENGINE = MergeTree ORDER BY id");
		assertThat(operation.inverse()).get().extracting(MigrationStep::sql)
			.isEqualTo("DROP TABLE IF EXISTS `events`.`raw` ${on_cluster}");
	}

	@Test
	void columnHelpersKnowTheirInverse() {
		assertThat(Operations.addColumn("t", "c", "UInt8").inverse()).get().extracting(MigrationStep::sql)
			.isEqualTo("ALTER TABLE `t` ${on_cluster} DROP COLUMN IF EXISTS `c`");
		assertThat(Operations.renameColumn("t", "a", "b").inverse()).get().extracting(MigrationStep::sql)
			.isEqualTo("ALTER TABLE `t` ${on_cluster} RENAME COLUMN IF EXISTS `b` TO `a`");
		assertThat(Operations.modifyColumn("t", "c", "UInt16", "UInt8").inverse()).get().extracting(MigrationStep::sql)
			.isEqualTo("ALTER TABLE `t` ${on_cluster} MODIFY COLUMN IF EXISTS `c` UInt8");
		assertThat(Operations.dropColumn("t", "c", "String").inverse()).get().extracting(MigrationStep::sql)
			.isEqualTo("ALTER TABLE `t` ${on_cluster} ADD COLUMN IF NOT EXISTS `c` String");
	}

	@Test
	void destructiveHelpersWithoutDefinitionHaveNoInverse() {
		assertThat(Operations.dropTable("t").inverse()).isEmpty();
		assertThat(Operations.dropColumn("t", "c").inverse()).isEmpty();
		assertThat(Operations.modifyColumn("t", "c", "UInt16").inverse()).isEmpty();
		assertThat(Operations.sql("INSERT INTO t VALUES (1)").inverse()).isEmpty();
	}

	@Test
	void namesCannotBreakOutOfTheirQuotes() {
		assertThat(Operations.dropTable("x` ; DROP DATABASE prod; --").forward().sql())
			.isEqualTo("DROP TABLE IF EXISTS `x\\` ; DROP DATABASE prod; --` ${on_cluster}");
	}

	@Test
	void literalsCannotBreakOutOfTheirQuotes() {
		assertThat(org.clickhousemigrations.sql.Identifiers.literal("it's \\'); DROP TABLE x; --"))
			.isEqualTo("'it\\'s \\\\\\'); DROP TABLE x; --'");
	}

	@Test
	void viewsAndIndexes() {
		assertThat(Operations.createMaterializedView("mv", "daily", "SELECT 1").forward().sql())
			.isEqualTo("CREATE MATERIALIZED VIEW IF NOT EXISTS `mv` ${on_cluster} TO `daily` AS SELECT 1");
		assertThat(Operations.addIndex("t", "i", "c", "bloom_filter", 4).inverse()).get().extracting(MigrationStep::sql)
			.isEqualTo("ALTER TABLE `t` ${on_cluster} DROP INDEX IF EXISTS `i`");
	}

}
