package org.clickhousemigrations.model;

import java.time.Instant;

/**
 * One row of the history: what happened to a migration, when, by whom, how long it took and how
 * far it got. The latest row of a migration is its recorded state.
 *
 * @param key module and version
 * @param description the migration's description when the row was written
 * @param type SQL or Java
 * @param script the file or class
 * @param checksum the migration's checksum when the row was written
 * @param event what happened
 * @param statementsDone how many statements (steps) had run
 * @param statementsTotal how many the migration has
 * @param progressChecksum checksum of the first {@code statementsDone} steps, to resume safely
 * @param installedBy the ClickHouse user
 * @param installedOn when the migration was applied (for later events: when it was first applied)
 * @param executionTimeMs how long it ran
 * @param error the failure, for {@link HistoryEvent#FAILED}; empty otherwise
 */
public record AppliedMigration(MigrationKey key, String description, MigrationType type, String script,
		String checksum, HistoryEvent event, int statementsDone, int statementsTotal, String progressChecksum,
		String installedBy, Instant installedOn, long executionTimeMs, String error) {

	/** The same row with another event, progress and time. */
	public AppliedMigration with(HistoryEvent event, int statementsDone, String progressChecksum, Instant installedOn,
			long executionTimeMs, String error) {
		return new AppliedMigration(this.key, this.description, this.type, this.script, this.checksum, event,
				statementsDone, this.statementsTotal, progressChecksum, this.installedBy, installedOn, executionTimeMs,
				error);
	}

}
