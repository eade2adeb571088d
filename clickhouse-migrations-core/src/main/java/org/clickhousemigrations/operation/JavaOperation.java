package org.clickhousemigrations.operation;

import java.util.Optional;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.Operation;

/** Java code, with optional code that undoes it. */
public record JavaOperation(MigrationStep forward, MigrationStep rollback) implements Operation {

	@Override
	public Optional<MigrationStep> inverse() {
		return Optional.ofNullable(this.rollback);
	}

}
