package org.clickhousemigrations;

import java.util.Optional;

/**
 * One operation of a {@link ClickHouseMigration}: what it runs, and how to undo it where that is
 * known. Create them with {@link Operations}.
 */
public interface Operation {

	/** What this operation runs. */
	MigrationStep forward();

	/** What undoes it, or empty if it cannot be undone automatically (a rollback stops on it). */
	Optional<MigrationStep> inverse();

}
