package org.clickhousemigrations.operation;

import java.util.Optional;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.Operation;

/** {@code ADD INDEX IF NOT EXISTS} (a data-skipping index); undone by dropping it. */
public record AddIndex(String table, String name, String expression, String type, int granularity) implements Operation {

	@Override
	public MigrationStep forward() {
		return MigrationStep.sql("ALTER TABLE " + Identifiers.quote(this.table) + " ${on_cluster} ADD INDEX IF NOT EXISTS " + Identifiers.quote(this.name) + " " + this.expression + " TYPE " + this.type + " GRANULARITY " + this.granularity);
	}

	@Override
	public Optional<MigrationStep> inverse() {
		return Optional.of(new DropIndex(this.table, this.name).forward());
	}

}
