package org.clickhousemigrations.operation;

import java.util.Optional;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.Operation;

/** {@code DROP COLUMN IF EXISTS}; undone by adding the column back (empty) when its type is known. */
public record DropColumn(String table, String column, String type) implements Operation {

	@Override
	public MigrationStep forward() {
		return MigrationStep.sql("ALTER TABLE " + Identifiers.quote(this.table) + " ${on_cluster} DROP COLUMN IF EXISTS " + Identifiers.quote(this.column));
	}

	@Override
	public Optional<MigrationStep> inverse() {
		return (this.type != null) ? Optional.of(new AddColumn(this.table, this.column, this.type).forward()) : Optional.empty();
	}

}
