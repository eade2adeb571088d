package org.clickhousemigrations.operation;

import java.util.Optional;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.Operation;

/** {@code ADD COLUMN IF NOT EXISTS}; undone by dropping the column. */
public record AddColumn(String table, String column, String type) implements Operation {

	@Override
	public MigrationStep forward() {
		return MigrationStep.sql("ALTER TABLE " + Identifiers.quote(this.table) + " ${on_cluster} ADD COLUMN IF NOT EXISTS " + Identifiers.quote(this.column) + " " + this.type);
	}

	@Override
	public Optional<MigrationStep> inverse() {
		return Optional.of(new DropColumn(this.table, this.column, null).forward());
	}

}
