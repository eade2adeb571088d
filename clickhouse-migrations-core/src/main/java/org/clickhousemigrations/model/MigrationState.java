package org.clickhousemigrations.model;

/**
 * The state of a migration: what was found merged with what was recorded. Each state says
 * whether it is resolved (found in the application), applied (its changes are in the schema) and
 * whether it is a problem that {@code validate} reports.
 */
public enum MigrationState {

	/** Found, not applied yet. */
	PENDING(true, false, false),

	/** Found and applied with the same checksum. */
	APPLIED(true, true, false),

	/** A statement failed or the process stopped in the middle; resumed by the next migrate. */
	FAILED(true, false, true),

	/** Applied, but no longer found in the application. */
	MISSING(false, true, true),

	/** Applied, but the migration changed since. */
	CHECKSUM_MISMATCH(true, true, true),

	/** Covered by a baseline: the schema was declared to be at or past this version. */
	BASELINE(true, true, false),

	/** A repeatable migration applied before, changed since: the next migrate applies it again. */
	OUTDATED(true, true, false),

	/** Found, but a {@code ClickHouseMigrationRouter} keeps it from this database. */
	EXCLUDED(true, false, false);

	private final boolean resolved;

	private final boolean applied;

	private final boolean problem;

	MigrationState(boolean resolved, boolean applied, boolean problem) {
		this.resolved = resolved;
		this.applied = applied;
		this.problem = problem;
	}

	public boolean isResolved() {
		return this.resolved;
	}

	public boolean isApplied() {
		return this.applied;
	}

	/** Whether {@code validate} reports it. */
	public boolean isProblem() {
		return this.problem;
	}

}
