package org.clickhousemigrations.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.clickhousemigrations.LintReport;
import org.clickhousemigrations.MigrationInfo;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.diff.RememberedSchema;
import org.clickhousemigrations.execute.ExecutionTarget;
import org.clickhousemigrations.execute.MigrationExecutor;
import org.clickhousemigrations.execute.OutcomeUnknownException;
import org.clickhousemigrations.history.MigrationHistory.Snapshot;
import org.clickhousemigrations.history.MigrationHistory;
import org.clickhousemigrations.lock.MigrationLock;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.model.MigrationKey;
import org.clickhousemigrations.model.MigrationState;
import org.clickhousemigrations.model.MigrationVersion;
import org.clickhousemigrations.plan.MigrationPlanner;
import org.clickhousemigrations.plan.PlannedMigration;
import org.clickhousemigrations.plan.RollbackPlanner;
import org.clickhousemigrations.sql.ClickHouseErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrates one database (or shows what that would run) and rolls it back. Writes happen under the
 * database's lock, after the history was read again, since another instance may have changed it
 * meanwhile. What runs is decided by {@link MigrationPlanner} and {@link RollbackPlanner}; this
 * class only reads, locks and hands the plan to a {@link MigrationExecutor}.
 */
final class DatabaseMigrator {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseMigrator.class);

	private final MigrationDatabase database;

	private final List<ResolvedMigration> resolved;

	private final MigrationServices services;

	DatabaseMigrator(MigrationDatabase database, List<ResolvedMigration> resolved, MigrationServices services) {
		this.database = database;
		this.resolved = resolved;
		this.services = services;
	}

	/**
	 * Applies what is pending (up to {@code target} if given), or only renders it when
	 * {@code dryRun}.
	 * @return the dry-run script, or an empty list after a real run
	 */
	List<String> migrate(MigrationKey target, boolean dryRun) {
		Snapshot snapshot = history().read(this.database);
		List<MigrationInfo> infos = infos(snapshot);
		this.services.reports().remember(this.database, infos);
		List<MigrationInfo> pending = MigrationPlanner.pending(this.database, this.resolved, infos, target);
		if (pending.isEmpty()) {
			logger.info("Database '{}' is up to date{} ({} migrations, history {})", this.database.name(),
					(target != null) ? " up to " + target : "", infos.size(), history().location(this.database));
			return List.of();
		}
		if (dryRun) {
			List<String> script = new ArrayList<>(DatabaseLint.notes(lint().lint(resolved(pending))));
			if (!snapshot.exists()) {
				script.add(history().renderCreate(this.database));
			}
			try (ExecutionTarget dry = this.services.targets().open(this.database, true)) {
				execute(dry, pending, false, null);
				script.addAll(dry.script());
			}
			return script;
		}
		lint().beforeMigrate(pending);
		RememberedSchema taken = null;
		try {
			if (!snapshot.exists()) {
				history().create(this.database);
			}
			try (MigrationLock.Held held = this.services.lock().acquire(this.database)) {
				// Another instance may have migrated while we waited for the lock.
				List<MigrationInfo> stillPending = MigrationPlanner.pending(this.database, this.resolved,
						infos(history().read(this.database)), target);
				long started = System.nanoTime();
				execute(stillPending, false, held);
				taken = rememberSchema(stillPending);
				logger.info("Database '{}' migrated: {} migration{} applied in {} ms", this.database.name(),
						stillPending.size(), (stillPending.size() == 1) ? "" : "s",
						(System.nanoTime() - started) / 1_000_000);
			}
		}
		finally {
			this.services.reports().readAfterRun(this.database, this.resolved, taken);
		}
		return List.of();
	}

	/**
	 * Lints the migrations of {@code module} ({@code null} for all) up to {@code upTo} ({@code null}
	 * for all): the pending ones, or every one when {@code all}.
	 */
	LintReport lint(String module, MigrationVersion upTo, boolean all) {
		List<MigrationInfo> chosen = infos(history().read(this.database)).stream()
			.filter((info) -> info.resolved() != null && info.state() != MigrationState.EXCLUDED)
			.filter((info) -> all || info.state() == MigrationState.PENDING || info.state() == MigrationState.FAILED
					|| info.state() == MigrationState.OUTDATED)
			.filter((info) -> module == null || info.key().module().equals(module))
			.filter((info) -> upTo == null || info.key().version().compareTo(upTo) <= 0)
			.toList();
		return lint().lint(resolved(chosen));
	}

	/** Undoes every applied migration of the module newer than the target's version, newest first. */
	void rollback(MigrationKey target) {
		try (MigrationLock.Held held = this.services.lock().acquire(this.database)) {
			List<MigrationInfo> undo = RollbackPlanner.plan(this.database.name(), infos(history().read(this.database)),
					target);
			if (undo.isEmpty()) {
				logger.info("Nothing to roll back in database '{}': no migration of {} newer than {} is applied",
						this.database.name(), target.module(), target.version());
				return;
			}
			execute(undo, true, held);
			rememberSchema(undo);
			logger.info("Database '{}' rolled back to {}: {} migration{} undone", this.database.name(), target,
					undo.size(), (undo.size() == 1) ? "" : "s");
		}
	}

	/** What {@link #rollback} would run, without the lock and without writing anything. */
	List<String> rollbackDryRun(MigrationKey target) {
		List<MigrationInfo> undo = RollbackPlanner.plan(this.database.name(), infos(history().read(this.database)),
				target);
		if (undo.isEmpty()) {
			return List.of();
		}
		try (ExecutionTarget dry = this.services.targets().open(this.database, true)) {
			execute(dry, undo, true, null);
			return dry.script();
		}
	}

	private void execute(List<MigrationInfo> infos, boolean rollback, MigrationLock.Held held) {
		if (infos.isEmpty()) {
			return;
		}
		try (ExecutionTarget live = this.services.targets().open(this.database, false)) {
			execute(live, infos, rollback, held);
		}
		catch (OutcomeUnknownException ex) {
			if (!ex.recorded()) {
				held.abandon();
			}
			throw ex;
		}
	}

	// Without a lock (a dry run), nothing is checked before each step.
	private void execute(ExecutionTarget target, List<MigrationInfo> infos, boolean rollback, MigrationLock.Held held) {
		List<PlannedMigration> plan = MigrationPlanner.plan(this.database.name(), infos, target.placeholders(),
				rollback);
		Runnable beforeEachStep = (held != null) ? held::check : () -> {
		};
		new MigrationExecutor(this.database, target, this.services.listeners(), beforeEachStep,
				held != null && held.tookOver(), (held != null) ? this.services.progress() : null)
			.execute(plan, rollback);
	}

	// The schema a migrate or rollback left, to tell later changes made outside migrations; null when
	// nothing was remembered. Never fails the run.
	private RememberedSchema rememberSchema(List<MigrationInfo> applied) {
		if (applied.isEmpty() || this.services.snapshots() == null) {
			return null;
		}
		try (Connection connection = this.database.dataSource().getConnection()) {
			return this.services.snapshots().remember(connection);
		}
		catch (SQLException | RuntimeException ex) {
			logger.warn("Database '{}' was migrated, but its schema could not be remembered, so drift cannot be told: {}",
					this.database.name(), ClickHouseErrors.describe(ex));
			return null;
		}
	}

	private List<MigrationInfo> infos(Snapshot snapshot) {
		return MigrationPlanner.info(this.database, this.resolved, snapshot.latest(), this.services.router());
	}

	private DatabaseLint lint() {
		return new DatabaseLint(this.database, this.services);
	}

	private static List<ResolvedMigration> resolved(List<MigrationInfo> infos) {
		return infos.stream().map(MigrationInfo::resolved).toList();
	}

	private MigrationHistory history() {
		return this.services.history();
	}

}
