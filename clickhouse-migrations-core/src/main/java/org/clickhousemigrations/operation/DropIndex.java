package org.clickhousemigrations.operation;

import java.util.Optional;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.Operation;

/** {@code DROP INDEX IF EXISTS}; cannot be undone without the index definition. */
public record DropIndex(String table, String name) implements Operation {

	@Override
	public MigrationStep forward() {
		return MigrationStep.sql("ALTER TABLE " + Identifiers.quote(this.table) + " ${on_cluster} DROP INDEX IF EXISTS " + Identifiers.quote(this.name));
	}

	@Override
	public Optional<MigrationStep> inverse() {
		return Optional.empty();
	}

}
