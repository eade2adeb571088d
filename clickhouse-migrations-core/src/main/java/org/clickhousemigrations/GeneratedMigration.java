package org.clickhousemigrations;

import java.nio.file.Path;
import java.util.List;

import org.clickhousemigrations.diff.SchemaChange;

/**
 * A migration written from a module's declared schema, for review.
 *
 * @param file the file written
 * @param changes the changes it holds, in order
 */
public record GeneratedMigration(Path file, List<SchemaChange> changes) {

	public GeneratedMigration {
		changes = List.copyOf(changes);
	}

	/** Whether a change drops data (written commented out unless drops were allowed). */
	public boolean drops() {
		return this.changes.stream().anyMatch(SchemaChange::drops);
	}

}
