package org.clickhousemigrations.operation;

import java.util.Optional;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.Operation;

/** A statement written by hand, with an optional statement that undoes it. */
public record SqlOperation(MigrationStep forward, MigrationStep rollback) implements Operation {

	@Override
	public Optional<MigrationStep> inverse() {
		return Optional.ofNullable(this.rollback);
	}

}
