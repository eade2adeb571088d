package org.clickhousemigrations;

import java.util.List;
import java.util.Optional;

import org.clickhousemigrations.model.MigrationKey;
import org.clickhousemigrations.model.MigrationType;
import org.clickhousemigrations.model.MigrationVersion;

/**
 * A migration as found in the application: where it is, what it runs and how to undo it. Its SQL
 * still holds placeholders; they are resolved per database when it runs.
 */
public final class ResolvedMigration {

	private final MigrationKey key;

	private final String description;

	private final MigrationType type;

	private final String script;

	private final String checksum;

	private final List<MigrationKey> dependsOn;

	private final List<MigrationStep> steps;

	private final List<MigrationStep> rollbackSteps;

	private final String rollbackProblem;

	/**
	 * @param rollbackSteps the steps that undo the migration, or {@code null} if it cannot be undone
	 * @param rollbackProblem why it cannot be undone, when {@code rollbackSteps} is {@code null}
	 */
	public ResolvedMigration(MigrationKey key, String description, MigrationType type, String script, String checksum,
			List<MigrationKey> dependsOn, List<MigrationStep> steps, List<MigrationStep> rollbackSteps,
			String rollbackProblem) {
		this.key = key;
		this.description = description;
		this.type = type;
		this.script = script;
		this.checksum = checksum;
		this.dependsOn = List.copyOf(dependsOn);
		this.steps = List.copyOf(steps);
		this.rollbackSteps = (rollbackSteps != null) ? List.copyOf(rollbackSteps) : null;
		this.rollbackProblem = rollbackProblem;
	}

	public MigrationKey key() {
		return this.key;
	}

	public String module() {
		return this.key.module();
	}

	public MigrationVersion version() {
		return this.key.version();
	}

	/** From the name: {@code V0003__AddUserId} is "Add user id". */
	public String description() {
		return this.description;
	}

	public MigrationType type() {
		return this.type;
	}

	/** The file (relative to its location) or the class name. */
	public String script() {
		return this.script;
	}

	/** Hex digest of the normalised SQL text, or of the class name and its rendered operations. */
	public String checksum() {
		return this.checksum;
	}

	/** Migrations of other modules that must be applied first. */
	public List<MigrationKey> dependsOn() {
		return this.dependsOn;
	}

	/** What the migration runs, in order: one statement or Java step each. */
	public List<MigrationStep> steps() {
		return this.steps;
	}

	/** What undoes the migration, in the order to run it; empty if it cannot be undone. */
	public Optional<List<MigrationStep>> rollbackSteps() {
		return Optional.ofNullable(this.rollbackSteps);
	}

	/** Why the migration cannot be undone; {@code null} if it can. */
	public String rollbackProblem() {
		return this.rollbackProblem;
	}

	@Override
	public String toString() {
		return this.key + " (" + this.script + ")";
	}

}
