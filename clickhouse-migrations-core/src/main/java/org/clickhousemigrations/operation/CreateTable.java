package org.clickhousemigrations.operation;

import java.util.Optional;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.Operation;

/** {@code CREATE TABLE IF NOT EXISTS}; undone by dropping the table. */
public record CreateTable(String table, String columns, String engine) implements Operation {

	@Override
	public MigrationStep forward() {
		return MigrationStep.sql("CREATE TABLE IF NOT EXISTS " + Identifiers.quote(this.table) + " ${on_cluster} (" + this.columns + ") ENGINE = " + this.engine);
	}

	@Override
	public Optional<MigrationStep> inverse() {
		return Optional.of(new DropTable(this.table).forward());
	}

}
