package org.clickhousemigrations.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.MigrationInfo;
import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.execute.ExecutionTarget;
import org.clickhousemigrations.history.MigrationHistory;
import org.clickhousemigrations.history.ToolHistory;
import org.clickhousemigrations.history.ToolHistory.Tool;
import org.clickhousemigrations.lock.MigrationLock;
import org.clickhousemigrations.model.AppliedMigration;
import org.clickhousemigrations.model.HistoryEvent;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.model.MigrationKey;
import org.clickhousemigrations.model.MigrationType;
import org.clickhousemigrations.model.StatementOutcome;
import org.clickhousemigrations.plan.ImportPlanner;
import org.clickhousemigrations.plan.ImportPlanner.Adoption;
import org.clickhousemigrations.plan.MigrationPlanner;
import org.clickhousemigrations.plan.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes the history of one database without running any migration: repair, baseline and the
 * import of another tool's history, each under the database's lock and recorded as history rows.
 */
final class HistoryRepair {

	private static final Logger logger = LoggerFactory.getLogger(HistoryRepair.class);

	private final MigrationDatabase database;

	private final List<ResolvedMigration> resolved;

	private final MigrationServices services;

	HistoryRepair(MigrationDatabase database, List<ResolvedMigration> resolved, MigrationServices services) {
		this.database = database;
		this.resolved = resolved;
		this.services = services;
	}

	/**
	 * Clears failures (the migration runs again from its first statement), accepts changed
	 * checksums and forgets missing migrations, each as a history row.
	 * @return one line per repaired migration
	 */
	List<String> repair(StatementOutcome outcome) {
		try (MigrationLock.Held held = this.services.lock().acquire(this.database)) {
			List<AppliedMigration> rows = new ArrayList<>();
			List<String> done = new ArrayList<>();
			List<MigrationInfo> infos = infos();
			List<String> unsettled = infos.stream()
				.filter((info) -> info.applied() != null && info.applied().event().isOutcomeUnknown())
				.map(MigrationPlanner::unknownOutcome)
				.toList();
			if (!unsettled.isEmpty() && outcome == null) {
				throw new ClickHouseMigrationException("Database '" + this.database.name() + "' was not repaired; "
						+ "nothing was changed:\n  - " + String.join("\n  - ", unsettled));
			}
			for (MigrationInfo info : infos) {
				AppliedMigration row = info.applied();
				if (row != null && row.event().isOutcomeUnknown()) {
					rows.add(settle(info, outcome));
					done.add(info.key() + ": statement " + (row.statementsDone() + 1) + " recorded as "
							+ ((outcome == StatementOutcome.RAN) ? "run; the next run goes on after it"
									: "not run; the next run runs it"));
					continue;
				}
				switch (info.state()) {
					case FAILED -> {
						rows.add(row.with(HistoryEvent.CLEARED, 0, "", row.installedOn(), row.executionTimeMs(), ""));
						done.add(info.key() + ": failure cleared; the next migrate runs it from statement 1");
					}
					case CHECKSUM_MISMATCH -> {
						int steps = info.resolved().steps().size();
						rows.add(new AppliedMigration(info.key(), info.description(), info.type(), info.script(),
								info.checksum(), HistoryEvent.REALIGNED, steps, steps,
								Progress.checksum(info.resolved().steps(), steps), row.installedBy(), row.installedOn(),
								row.executionTimeMs(), ""));
						done.add(info.key() + ": checksum " + row.checksum() + " re-aligned to " + info.checksum());
					}
					case MISSING -> {
						rows.add(row.with(HistoryEvent.CLEARED, 0, "", row.installedOn(), row.executionTimeMs(), ""));
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

	// The row that says what a person found: statement done + 1 ran, or did not.
	private static AppliedMigration settle(MigrationInfo info, StatementOutcome outcome) {
		AppliedMigration row = info.applied();
		if (info.resolved() == null) {
			throw new ClickHouseMigrationException(info.key() + " (" + info.script() + ") is no longer found; restore it "
					+ "before settling its statement " + (row.statementsDone() + 1));
		}
		boolean rollback = row.event().isUnfinishedRollback();
		List<MigrationStep> steps = rollback ? info.resolved().rollbackSteps().orElseThrow() : info.resolved().steps();
		int done = row.statementsDone() + ((outcome == StatementOutcome.RAN) ? 1 : 0);
		HistoryEvent event = (done < steps.size()) ? (rollback ? HistoryEvent.ROLLBACK_PROGRESS : HistoryEvent.PROGRESS)
				: (rollback ? HistoryEvent.ROLLED_BACK : HistoryEvent.APPLIED);
		boolean rolledBack = event == HistoryEvent.ROLLED_BACK;
		return row.with(event, rolledBack ? 0 : done, rolledBack ? "" : Progress.checksum(steps, done),
				row.installedOn(), row.executionTimeMs(), "");
	}

	/** Declares module {@code target.module()} to be at {@code target.version()} without running anything. */
	void baseline(MigrationKey target) {
		if (!history().read(this.database).exists()) {
			history().create(this.database);
		}
		try (MigrationLock.Held held = this.services.lock().acquire(this.database)) {
			List<String> recorded = infos().stream()
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

	/**
	 * Records as applied what another tool applied to module {@code module}, as its history says.
	 * @return one line per migration recorded, or that would be with {@code dryRun}
	 */
	List<String> importFrom(Tool tool, String module, boolean dryRun) {
		ToolHistory tools;
		try (Connection connection = this.database.dataSource().getConnection()) {
			tools = ToolHistory.read(connection, tool);
		}
		catch (SQLException ex) {
			throw ClickHouseMigrationException.cannotConnect(this.database.name(), ex);
		}
		Adoption adoption = ImportPlanner.plan(this.database.name(), module, tools, this.resolved.stream()
			.filter((migration) -> migration.module().equals(module))
			.toList());
		if (!dryRun && !history().read(this.database).exists()) {
			history().create(this.database);
		}
		try (MigrationLock.Held held = dryRun ? null : this.services.lock().acquire(this.database)) {
			List<String> recorded = infos().stream()
				.filter((info) -> info.key().module().equals(module) && info.applied() != null)
				.map((info) -> info.key() + " (" + info.state() + ")")
				.toList();
			if (!recorded.isEmpty()) {
				throw new ClickHouseMigrationException("Cannot import the history of " + tool.id() + " into module '"
						+ module + "' of database '" + this.database.name() + "': its history has " + recorded
						+ " already; nothing was written");
			}
			String by = installedBy();
			Instant now = Instant.now();
			List<AppliedMigration> rows = new ArrayList<>();
			List<String> lines = new ArrayList<>();
			if (adoption.baseline() != null) {
				rows.add(imported(adoption.baseline(), HistoryEvent.BASELINE, by, now));
				lines.add(adoption.baseline().key() + " " + adoption.baseline().script() + ": baseline of " + tool.id());
			}
			for (ResolvedMigration migration : adoption.applied()) {
				rows.add(imported(migration, HistoryEvent.IMPORTED, by, now));
				lines.add(migration.key() + " " + migration.script() + ": applied by " + tool.id());
			}
			if (!dryRun && !rows.isEmpty()) {
				history().append(this.database, rows);
				logger.info("Database '{}': imported {} migration{} of module '{}' from the history of {}; they will not "
						+ "run again", this.database.name(), rows.size(), (rows.size() == 1) ? "" : "s", module, tool.id());
			}
			return lines;
		}
	}

	/**
	 * Writes rows exported from another history into this empty one, as they are.
	 * @return one line per row written, or that would be with {@code dryRun}
	 */
	List<String> restore(List<AppliedMigration> rows, boolean dryRun) {
		if (!dryRun && !history().read(this.database).exists()) {
			history().create(this.database);
		}
		try (MigrationLock.Held held = dryRun ? null : this.services.lock().acquire(this.database)) {
			int existing = history().read(this.database).latest().size();
			if (existing > 0) {
				throw new ClickHouseMigrationException("Cannot import a history into database '" + this.database.name()
						+ "': its history " + history().location(this.database) + " has rows for " + existing
						+ " migrations already; nothing was written. Import into an empty history.");
			}
			List<String> lines = rows.stream()
				.map((row) -> row.installedOn() + " " + row.key() + " " + row.event() + " " + row.script())
				.toList();
			if (!dryRun && !rows.isEmpty()) {
				history().append(this.database, rows);
				logger.info("Database '{}': imported {} history rows", this.database.name(), rows.size());
			}
			return lines;
		}
	}

	private static AppliedMigration imported(ResolvedMigration migration, HistoryEvent event, String by, Instant now) {
		int steps = (event == HistoryEvent.BASELINE) ? 0 : migration.steps().size();
		return new AppliedMigration(migration.key(), migration.description(), migration.type(), migration.script(),
				migration.checksum(), event, steps, steps, "", by, now, 0, "");
	}

	private List<MigrationInfo> infos() {
		return MigrationPlanner.info(this.database, this.resolved, history().read(this.database).latest(),
				this.services.router());
	}

	private String installedBy() {
		try (ExecutionTarget target = this.services.targets().open(this.database, true)) {
			return target.installedBy();
		}
	}

	private MigrationHistory history() {
		return this.services.history();
	}

}
