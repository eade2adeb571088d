package org.clickhousemigrations.generate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.model.MigrationKey;
import org.clickhousemigrations.model.MigrationType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationGeneratorTests {

	@TempDir
	Path project;

	private final List<ResolvedMigration> resolved = List.of(migration("events:0002"), migration("events:0009"),
			migration("billing:1.9"), migration("default:7"));

	@Test
	void nextVersionKeepsTheWidthOfTheModule() {
		assertThat(MigrationGenerator.nextVersion(this.resolved, "events")).isEqualTo("0010");
		assertThat(MigrationGenerator.nextVersion(this.resolved, "billing")).isEqualTo("1.10");
		assertThat(MigrationGenerator.nextVersion(this.resolved, "default")).isEqualTo("8");
		assertThat(MigrationGenerator.nextVersion(this.resolved, "new")).isEqualTo("0001");
	}

	@Test
	void writesAnSqlFileWithARollbackSection() throws Exception {
		Path file = MigrationGenerator.generate(this.project, "classpath:db/clickhouse", this.resolved, "events",
				"Add user id", MigrationGenerator.Kind.SQL);
		assertThat(file).isEqualTo(this.project.resolve("src/main/resources/db/clickhouse/events/V0010__add_user_id.sql"));
		assertThat(Files.readString(file)).startsWith("-- Add user id").contains("-- rollback");
	}

	@Test
	void writesAJavaClassInTheModulePackage() throws Exception {
		Path file = MigrationGenerator.generate(this.project, "classpath:db/clickhouse", this.resolved, "billing",
				"fix totals", MigrationGenerator.Kind.JAVA);
		assertThat(file).isEqualTo(this.project.resolve("src/main/java/db/clickhouse/billing/V1_10__FixTotals.java"));
		assertThat(Files.readString(file)).contains("package db.clickhouse.billing;")
			.contains("public class V1_10__FixTotals implements ClickHouseMigration");
	}

	@Test
	void defaultModuleGoesIntoTheRootAndExistingFilesAreNotOverwritten() {
		Path file = MigrationGenerator.generate(this.project, "classpath:db/clickhouse", this.resolved, "default", "x",
				MigrationGenerator.Kind.SQL);
		assertThat(file).isEqualTo(this.project.resolve("src/main/resources/db/clickhouse/V8__x.sql"));
		assertThatThrownBy(() -> MigrationGenerator.generate(this.project, "classpath:db/clickhouse", this.resolved,
				"default", "x", MigrationGenerator.Kind.SQL))
			.isInstanceOf(ClickHouseMigrationException.class)
			.hasMessageContaining("exists already");
	}

	private static ResolvedMigration migration(String key) {
		return new ResolvedMigration(MigrationKey.parse(key), "x", MigrationType.SQL, key, "0", List.of(),
				List.of(MigrationStep.sql("SELECT 1")), null, "none");
	}

}
