package org.clickhousemigrations.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.DeclaredSchemas;
import org.clickhousemigrations.GeneratedMigration;
import org.clickhousemigrations.diff.SchemaChange;
import org.clickhousemigrations.diff.SchemaMigration;
import org.clickhousemigrations.generate.MigrationGenerator;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.resolve.DeclaredSchemaSource;

/** Compares through {@link SchemaComparison}, with the migrations and databases of {@link ClickHouseMigrations}. */
public final class DefaultDeclaredSchemas implements DeclaredSchemas {

	private final ClickHouseMigrations migrations;

	private final DeclaredSchemaSource declarations;

	private final Map<String, String> placeholders;

	/**
	 * @param migrations the databases and migrations
	 * @param declarations the declared schema of each module
	 * @param placeholders the global configured placeholders
	 */
	public DefaultDeclaredSchemas(ClickHouseMigrations migrations, DeclaredSchemaSource declarations,
			Map<String, String> placeholders) {
		this.migrations = migrations;
		this.declarations = declarations;
		this.placeholders = Map.copyOf(placeholders);
	}

	@Override
	public List<SchemaChange> diff(String database, String module) {
		MigrationDatabase target = this.migrations.databases().stream()
			.filter((each) -> each.name().equals(database))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("there is no database '" + database + "'; there are "
					+ this.migrations.databases().stream().map(MigrationDatabase::name).toList()));
		return new SchemaComparison(target, this.migrations.resolved(), this.placeholders).compare(module,
				this.declarations.of(module));
	}

	@Override
	public Optional<GeneratedMigration> generate(String database, String module, String description,
			boolean allowDrop, Path projectDir, String location) {
		List<SchemaChange> changes = diff(database, module);
		if (changes.isEmpty()) {
			return Optional.empty();
		}
		Path file = MigrationGenerator.generateSql(projectDir, location, this.migrations.resolved(), module, description,
				SchemaMigration.render(description, module, changes, allowDrop));
		return Optional.of(new GeneratedMigration(file, changes));
	}

}
