package org.clickhousemigrations.operation;

import java.util.Optional;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.Operation;

/** {@code CREATE MATERIALIZED VIEW IF NOT EXISTS ... TO}; undone by dropping the view (the target table stays). */
public record CreateMaterializedView(String view, String targetTable, String select) implements Operation {

	@Override
	public MigrationStep forward() {
		return MigrationStep.sql("CREATE MATERIALIZED VIEW IF NOT EXISTS " + Identifiers.quote(this.view) + " ${on_cluster} TO " + Identifiers.quote(this.targetTable) + " AS " + this.select);
	}

	@Override
	public Optional<MigrationStep> inverse() {
		return Optional.of(new DropView(this.view).forward());
	}

}
