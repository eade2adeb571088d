package org.clickhousemigrations.operation;

import java.util.Optional;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.Operation;

/** {@code RENAME COLUMN IF EXISTS}; undone by renaming it back. */
public record RenameColumn(String table, String from, String to) implements Operation {

	@Override
	public MigrationStep forward() {
		return MigrationStep.sql("ALTER TABLE " + Identifiers.quote(this.table) + " ${on_cluster} RENAME COLUMN IF EXISTS " + Identifiers.quote(this.from) + " TO " + Identifiers.quote(this.to));
	}

	@Override
	public Optional<MigrationStep> inverse() {
		return Optional.of(new RenameColumn(this.table, this.to, this.from).forward());
	}

}
