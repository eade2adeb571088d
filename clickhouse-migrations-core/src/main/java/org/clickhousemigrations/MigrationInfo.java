package org.clickhousemigrations;

import org.clickhousemigrations.model.AppliedMigration;
import org.clickhousemigrations.model.MigrationKey;
import org.clickhousemigrations.model.MigrationState;
import org.clickhousemigrations.model.MigrationType;

/**
 * A migration as the application and the history see it together.
 *
 * @param key module and version
 * @param resolved what was found in the application; {@code null} when {@link MigrationState#MISSING}
 * @param applied the latest history row; {@code null} when never recorded
 * @param state the merge of both
 */
public record MigrationInfo(MigrationKey key, ResolvedMigration resolved, AppliedMigration applied,
		MigrationState state) {

	public String description() {
		return (this.resolved != null) ? this.resolved.description() : this.applied.description();
	}

	public MigrationType type() {
		return (this.resolved != null) ? this.resolved.type() : this.applied.type();
	}

	public String script() {
		return (this.resolved != null) ? this.resolved.script() : this.applied.script();
	}

	/**
	 * Whether its history row tells an installation to show (when, by whom, how long): applied, or a
	 * problem. A rolled-back migration has a row but is pending again.
	 */
	public boolean isRecorded() {
		return this.applied != null && (this.state.isApplied() || this.state.isProblem());
	}

	/** The checksum found in the application, or the recorded one when the migration is missing. */
	public String checksum() {
		return (this.resolved != null) ? this.resolved.checksum() : this.applied.checksum();
	}

}
