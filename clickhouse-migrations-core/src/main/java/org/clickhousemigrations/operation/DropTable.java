package org.clickhousemigrations.operation;

import java.util.Optional;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.Operation;

/** {@code DROP TABLE IF EXISTS}; cannot be undone (the data is gone). */
public record DropTable(String table) implements Operation {

	@Override
	public MigrationStep forward() {
		return MigrationStep.sql("DROP TABLE IF EXISTS " + Identifiers.quote(this.table) + " ${on_cluster}");
	}

	@Override
	public Optional<MigrationStep> inverse() {
		return Optional.empty();
	}

}
