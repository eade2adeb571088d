package org.clickhousemigrations.operation;

import java.util.Optional;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.Operation;

/** {@code CREATE VIEW IF NOT EXISTS}; undone by dropping the view. */
public record CreateView(String view, String select) implements Operation {

	@Override
	public MigrationStep forward() {
		return MigrationStep.sql("CREATE VIEW IF NOT EXISTS " + Identifiers.quote(this.view) + " ${on_cluster} AS " + this.select);
	}

	@Override
	public Optional<MigrationStep> inverse() {
		return Optional.of(new DropView(this.view).forward());
	}

}
