package org.clickhousemigrations;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.clickhousemigrations.execute.ClickHouseErrors;
import org.clickhousemigrations.execute.ClusterSupport;
import org.clickhousemigrations.execute.DryRunTarget;
import org.clickhousemigrations.execute.ExecutionTarget;
import org.clickhousemigrations.execute.JdbcExecutionTarget;
import org.clickhousemigrations.execute.MigrationExecutor;
import org.clickhousemigrations.execute.Placeholders;
import org.clickhousemigrations.execute.PlannedMigration;
import org.clickhousemigrations.execute.Progress;
import org.clickhousemigrations.history.MigrationHistory;
import org.clickhousemigrations.history.MigrationHistory.Snapshot;
import org.clickhousemigrations.lock.MigrationLock;
import org.clickhousemigrations.plan.MigrationPlanner;
import org.clickhousemigrations.plan.MigrationValidator;
import org.clickhousemigrations.plan.RollbackPlanner;
import org.clickhousemigrations.plan.Targets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link ClickHouseMigrations} does to one database: migrate (or show what it would run),
 * roll back, repair, baseline. Writes happen under the database's lock, after the history was
 * read again, since another instance may have changed it meanwhile.
 */
final class DatabaseOperations {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseOperations.class);

	private final MigrationDatabase database;

	private final List<ResolvedMigration> resolved;

	private final ClickHouseMigrations owner;

	DatabaseOperations(MigrationDatabase database, List<ResolvedMigration> resolved, ClickHouseMigrations owner) {
		this.database = database;
		this.resolved = resolved;
		this.owner = owner;
	}

	/** The merged states, from one read of the history. */
	List<MigrationInfo> infos(Snapshot snapshot) {
		return MigrationPlanner.info(this.database, this.resolved, snapshot.latest(), this.owner.router());
	}

	/**
	 * Applies what is pending (up to {@code target} if given), or only renders it when
	 * {@code dryRun}.
	 * @return the dry-run script, or an empty list after a real run
	 */
	List<String> migrate(MigrationKey target, boolean dryRun) {
		Snapshot snapshot = history().read(this.database);
		List<MigrationInfo> infos = infos(snapshot);
		this.owner.remember(this.database, infos);
		List<MigrationInfo> pending = pending(infos, target);
		if (pending.isEmpty()) {
			logger.info("Database '{}' is up to date{} ({} migrations, history {})", this.database.name(),
					(target != null) ? " up to " + target : "", infos.size(), history().location(this.database));
			return List.of();
		}
		if (dryRun) {
			try (Connection connection = connection()) {
				DryRunTarget script = new DryRunTarget(this.database, history(), connection.getMetaData().getUserName());
				if (!snapshot.exists()) {
					script.add(history().renderCreate(this.database));
				}
				List<PlannedMigration> plan = plan(pending, placeholders(connection), false);
				new MigrationExecutor(this.database, script, List.of(), () -> {
				}).execute(plan, false);
				return script.script();
			}
			catch (SQLException ex) {
				throw cannotConnect(ex);
			}
		}
		try {
			if (!snapshot.exists()) {
				history().create(this.database);
			}
			try (MigrationLock.Held held = this.owner.lock().acquire(this.database)) {
				// Another instance may have migrated while we waited for the lock.
				List<MigrationInfo> stillPending = pending(infos(history().read(this.database)), target);
				long started = System.nanoTime();
				execute(stillPending, false, held);
				logger.info("Database '{}' migrated: {} migration{} applied in {} ms", this.database.name(),
						stillPending.size(), (stillPending.size() == 1) ? "" : "s",
						(System.nanoTime() - started) / 1_000_000);
			}
		}
		finally {
			this.owner.refresh(this.database);
		}
		return List.of();
	}

	/** Undoes every applied migration of the module newer than the target's version, newest first. */
	void rollback(MigrationKey target) {
		try (MigrationLock.Held held = this.owner.lock().acquire(this.database)) {
			List<MigrationInfo> undo = RollbackPlanner.plan(this.database.name(), infos(history().read(this.database)),
					target);
			if (undo.isEmpty()) {
				logger.info("Nothing to roll back in database '{}': no migration of {} newer than {} is applied",
						this.database.name(), target.module(), target.version());
				return;
			}
			execute(undo, true, held);
			logger.info("Database '{}' rolled back to {}: {} migration{} undone", this.database.name(), target,
					undo.size(), (undo.size() == 1) ? "" : "s");
		}
	}

	/**
	 * Clears failures (the migration runs again from its first statement), accepts changed
	 * checksums and forgets missing migrations, each as a history row.
	 * @return one line per repaired migration
	 */
	List<String> repair() {
		try (MigrationLock.Held held = this.owner.lock().acquire(this.database)) {
			List<AppliedMigration> rows = new ArrayList<>();
			List<String> done = new ArrayList<>();
			for (MigrationInfo info : infos(history().read(this.database))) {
				AppliedMigration row = info.applied();
				switch (info.state()) {
					case FAILED -> {
						rows.add(row.with(HistoryEvent.REPAIRED, 0, "", row.installedOn(), row.executionTimeMs(), ""));
						done.add(info.key() + ": failure cleared; the next migrate runs it from statement 1");
					}
					case CHECKSUM_MISMATCH -> {
						int steps = info.resolved().steps().size();
						rows.add(new AppliedMigration(info.key(), info.description(), info.type(), info.script(),
								info.checksum(), HistoryEvent.REPAIRED, steps, steps,
								Progress.checksum(info.resolved().steps(), steps), row.installedBy(), row.installedOn(),
								row.executionTimeMs(), ""));
						done.add(info.key() + ": checksum " + row.checksum() + " re-aligned to " + info.checksum());
					}
					case MISSING -> {
						rows.add(new AppliedMigration(info.key(), row.description(), row.type(), row.script(),
								row.checksum(), HistoryEvent.REPAIRED, 0, Math.max(1, row.statementsTotal()), "",
								row.installedBy(), row.installedOn(), row.executionTimeMs(), ""));
						done.add(info.key() + ": missing migration removed from the history");
					}
					default -> {
					}
				}
			}
			history().append(this.database, rows);
			done.forEach((line) -> logger.info("Repaired database '{}': {}", this.database.name(), line));
			return done;
		}
	}

	/** Declares module {@code target.module()} to be at {@code target.version()} without running anything. */
	void baseline(MigrationKey target) {
		Snapshot snapshot = history().read(this.database);
		if (!snapshot.exists()) {
			history().create(this.database);
		}
		try (MigrationLock.Held held = this.owner.lock().acquire(this.database)) {
			List<MigrationInfo> infos = infos(history().read(this.database));
			List<String> recorded = infos.stream()
				.filter((info) -> info.key().module().equals(target.module()) && info.applied() != null)
				.map((info) -> info.key() + " (" + info.state() + ")")
				.toList();
			if (!recorded.isEmpty()) {
				throw new ClickHouseMigrationException("Cannot baseline module '" + target.module() + "' of database '"
						+ this.database.name() + "': its history has " + recorded + " already. Baseline is for a "
						+ "schema that exists without history; use migrate, rollback or repair instead.");
			}
			ResolvedMigration migration = this.resolved.stream()
				.filter((each) -> each.key().equals(target))
				.findFirst()
				.orElse(null);
			history().append(this.database, List.of(new AppliedMigration(target,
					(migration != null) ? migration.description() : "Baseline",
					(migration != null) ? migration.type() : MigrationType.SQL,
					(migration != null) ? migration.script() : "<< baseline >>",
					(migration != null) ? migration.checksum() : "", HistoryEvent.BASELINE, 0, 0, "",
					installedBy(), Instant.now(), 0, "")));
			logger.info("Database '{}': module '{}' baselined at {}; migrations up to it will not run",
					this.database.name(), target.module(), target.version());
		}
	}

	private void execute(List<MigrationInfo> infos, boolean rollback, MigrationLock.Held held) {
		try (Connection connection = connection()) {
			Placeholders placeholders = placeholders(connection);
			List<PlannedMigration> plan = plan(infos, placeholders, rollback);
			try (ExecutionTarget target = new JdbcExecutionTarget(this.database, history(), placeholders)) {
				new MigrationExecutor(this.database, target, this.owner.listeners(), held::check).execute(plan, rollback);
			}
		}
		catch (SQLException ex) {
			throw cannotConnect(ex);
		}
	}

	// Pending (and failed, to resume) migrations; refuses while the history disagrees with the application.
	private List<MigrationInfo> pending(List<MigrationInfo> infos, MigrationKey target) {
		Set<MigrationKey> needed = (target != null) ? Targets.needed(this.resolved, target) : null;
		List<String> problems = new ArrayList<>();
		List<MigrationInfo> pending = new ArrayList<>();
		for (MigrationInfo info : infos) {
			if (MigrationValidator.blocksMigrate(info.state())) {
				problems.add(info.key() + " (" + info.script() + ") is " + info.state() + ": restore it, or run repair");
			}
			if (info.applied() != null && info.applied().event().isUnfinishedRollback()) {
				problems.add(info.key() + " (" + info.script() + ") stopped while being rolled back, after rollback "
						+ "statement " + info.applied().statementsDone() + ": run the rollback again (it resumes "
						+ "there), or finish it by hand and run repair");
				continue;
			}
			boolean wanted = info.state() == MigrationState.PENDING || info.state() == MigrationState.FAILED;
			if (wanted && (needed == null || needed.contains(info.key()))) {
				pending.add(info);
				info.resolved().dependsOn().stream()
					.filter((dependency) -> !this.database.includes(dependency.module()))
					.forEach((dependency) -> problems.add(info.key() + " (" + info.script() + ") depends on "
							+ dependency + ", but module '" + dependency.module() + "' is not in the modules of "
							+ "this database; add it to clickhouse.migrations.databases." + this.database.name()
							+ ".modules"));
			}
		}
		if (!problems.isEmpty()) {
			throw new ClickHouseMigrationException("Database '" + this.database.name() + "' cannot be migrated; "
					+ "nothing was changed:\n  - " + String.join("\n  - ", problems));
		}
		return pending;
	}

	// Placeholders resolved and resume points found for every migration before the first one runs.
	private List<PlannedMigration> plan(List<MigrationInfo> infos, Placeholders placeholders, boolean rollback) {
		List<PlannedMigration> plan = new ArrayList<>();
		for (MigrationInfo info : infos) {
			ResolvedMigration migration = info.resolved();
			List<MigrationStep> steps = rollback ? migration.rollbackSteps().orElseThrow() : migration.steps();
			try {
				plan.add(PlannedMigration.of(migration, steps, resumeAt(info, steps, rollback), info.applied(),
						placeholders));
			}
			catch (IllegalArgumentException ex) {
				throw new ClickHouseMigrationException("Database '" + this.database.name() + "': " + ex.getMessage()
						+ "; nothing was changed", ex);
			}
		}
		return plan;
	}

	// A failed run resumes after the steps it had done, if they did not change since.
	private int resumeAt(MigrationInfo info, List<MigrationStep> steps, boolean rollback) {
		AppliedMigration previous = info.applied();
		boolean resumable = previous != null && (rollback ? previous.event().isUnfinishedRollback()
				: previous.event() == HistoryEvent.FAILED || previous.event() == HistoryEvent.PROGRESS);
		if (!resumable || previous.statementsDone() == 0) {
			return 0;
		}
		int done = previous.statementsDone();
		if (done <= steps.size() && Progress.checksum(steps, done).equals(previous.progressChecksum())) {
			return done;
		}
		throw new ClickHouseMigrationException(String.format("%s (%s) on database '%s' stopped after statement %d of "
				+ "%d, and statements 1 to %d have changed since, so it cannot resume safely. Restore statements 1 to "
				+ "%d as they were; or bring the schema to where the migration should leave it by hand and run "
				+ "repair. Nothing was changed.", info.key(), info.script(), this.database.name(), done,
				previous.statementsTotal(), done, done));
	}

	private Placeholders placeholders(Connection connection) throws SQLException {
		String schema = connection.getSchema();
		String onCluster = ClusterSupport.onCluster(connection, this.database.cluster(), null);
		return Placeholders.of((schema != null) ? schema : connection.getCatalog(), this.database.cluster(), onCluster,
				this.owner.placeholders(), this.database.placeholders());
	}

	private String installedBy() {
		try (Connection connection = connection()) {
			return connection.getMetaData().getUserName();
		}
		catch (SQLException ex) {
			throw cannotConnect(ex);
		}
	}

	private Connection connection() throws SQLException {
		return this.database.dataSource().getConnection();
	}

	private MigrationHistory history() {
		return this.owner.history();
	}

	private ClickHouseMigrationException cannotConnect(SQLException ex) {
		return new ClickHouseMigrationException("Cannot connect to database '" + this.database.name() + "': "
				+ ClickHouseErrors.describe(ex), ex);
	}

}
