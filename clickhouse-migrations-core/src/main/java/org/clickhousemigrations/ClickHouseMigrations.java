package org.clickhousemigrations;

import java.util.List;
import java.util.Map;

import org.clickhousemigrations.model.AppliedMigration;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.model.MigrationKey;
import org.clickhousemigrations.model.StatementOutcome;

/**
 * The migrations of an application, across all its configured databases: what application code,
 * the boot-time runner, the command mode and the actuator endpoint call. The Spring Boot
 * auto-configuration provides one bean of this type.
 */
public interface ClickHouseMigrations {

	/** The configured databases, in migration order. */
	List<MigrationDatabase> databases();

	/** All migrations found in the application, in run order. */
	List<ResolvedMigration> resolved();

	/** The state of every database; reads each history once and writes nothing. */
	MigrationsReport info();

	/** The statements of migrations running now, with their latest progress; at most one per database. */
	List<RunningStatement> running();

	/** The state of one database. */
	DatabaseReport info(String database);

	/**
	 * The latest report of each database known without asking ClickHouse: from the last
	 * {@link #info()} or {@link #migrate()}. Empty for a database not read yet.
	 */
	Map<String, DatabaseReport> latestReports();

	/**
	 * Migrates every database whose {@code migrate} is true and {@code readonly} false, in order.
	 * A database with nothing pending costs one read of its history, and no lock. A database that
	 * fails does not keep the next ones from being migrated.
	 * @throws ClickHouseMigrationException naming every database that failed, after recording it
	 */
	default void migrate() {
		migrate(null);
	}

	/**
	 * Migrates up to {@code target} ({@code module:version}): the migrations of that module up to
	 * that version, and all they depend on; everything when {@code null}.
	 */
	void migrate(MigrationKey target);

	/** What {@link #migrate()} would run, without writing anything. */
	default DryRunReport dryRun() {
		return dryRun(null);
	}

	/** What {@link #migrate(MigrationKey)} would run, without writing anything. */
	DryRunReport dryRun(MigrationKey target);

	/** Every disagreement between the application and the histories, each with its fix. Writes nothing. */
	ValidationReport validate();

	/**
	 * Checks the pending migrations of every migrated database (every migration, with
	 * {@link LintSettings#all()}) against the lint rules and the ClickHouse they will run on,
	 * reading only.
	 * @param module the module to check, {@code null} for all
	 * @param version the newest version to check, {@code null} for all
	 */
	LintReport lint(String module, String version);

	/**
	 * Undoes every applied migration of {@code module} newer than {@code version}, newest first;
	 * {@code version} itself stays applied. Refuses before anything runs if one of them cannot be
	 * undone.
	 */
	void rollback(String database, String module, String version);

	/**
	 * What {@link #rollback} would run, with placeholders resolved and the history writes, without
	 * writing anything.
	 */
	DryRunReport rollbackDryRun(String database, String module, String version);

	/**
	 * Clears failed migrations, re-aligns changed checksums and forgets missing migrations, each
	 * recorded as a history row.
	 * @return one line per repaired migration
	 * @throws ClickHouseMigrationException when a migration stopped at a statement whose outcome is
	 * not known: settle it with {@link #repair(String, StatementOutcome)}
	 */
	default List<String> repair(String database) {
		return repair(database, null);
	}

	/**
	 * Repairs as {@link #repair(String)} does, and settles statements whose outcome is not known
	 * (the history says {@code UNKNOWN}) as {@code outcome} says.
	 * @param outcome what a person who checked ClickHouse found; {@code null} when there is none to settle
	 */
	List<String> repair(String database, StatementOutcome outcome);

	/** Declares {@code module} of {@code database} to be at {@code version} without running anything. */
	void baseline(String database, String module, String version);

	/**
	 * Records as applied every migration of {@code module} that another tool applied to
	 * {@code database}, as its history table says, without running anything.
	 * @param tool {@code flyway}, {@code golang-migrate}, {@code goose}, {@code dbmate} or {@code liquibase}
	 * @param module the module the tool's migrations are in; {@code null} when the database has one
	 * @param dryRun {@code true} to only say what would be recorded
	 * @return one line per migration recorded (or that would be)
	 * @throws ClickHouseMigrationException with nothing written, when that history shows a failed or
	 * dirty migration, names a version that has no migration here, or the module has history already
	 */
	List<String> importHistory(String database, String module, String tool, boolean dryRun);

	/** Every history row of {@code database}, oldest first: the audit trail. */
	List<AppliedMigration> history(String database);

	/**
	 * Writes history rows read from another server (as {@link #history} gave them there) into the
	 * empty history of {@code database}, as they are, without running anything.
	 * @param dryRun {@code true} to only say what would be written
	 * @return one line per row written (or that would be)
	 * @throws ClickHouseMigrationException with nothing written, when the history has rows already
	 */
	List<String> restoreHistory(String database, List<AppliedMigration> rows, boolean dryRun);

}
