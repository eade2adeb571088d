package org.clickhousemigrations.operation;

import java.util.Optional;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.Operation;

/** {@code DROP VIEW IF EXISTS} (plain or materialized); cannot be undone without its definition. */
public record DropView(String view) implements Operation {

	@Override
	public MigrationStep forward() {
		return MigrationStep.sql("DROP VIEW IF EXISTS " + Identifiers.quote(this.view) + " ${on_cluster}");
	}

	@Override
	public Optional<MigrationStep> inverse() {
		return Optional.empty();
	}

}
