package org.clickhousemigrations.operation;

import java.util.Optional;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.Operation;

/** {@code MODIFY COLUMN IF EXISTS}; undone by modifying it back when the previous type is known. */
public record ModifyColumn(String table, String column, String type, String previousType) implements Operation {

	@Override
	public MigrationStep forward() {
		return MigrationStep.sql("ALTER TABLE " + Identifiers.quote(this.table) + " ${on_cluster} MODIFY COLUMN IF EXISTS " + Identifiers.quote(this.column) + " " + this.type);
	}

	@Override
	public Optional<MigrationStep> inverse() {
		return (this.previousType != null) ? Optional.of(new ModifyColumn(this.table, this.column, this.previousType, this.type).forward()) : Optional.empty();
	}

}
