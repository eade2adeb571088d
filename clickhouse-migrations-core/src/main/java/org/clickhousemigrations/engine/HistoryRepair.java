package org.clickhousemigrations.engine;

import java.util.ArrayList;
import java.util.List;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.MigrationInfo;
import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.lock.MigrationLock;
import org.clickhousemigrations.model.AppliedMigration;
import org.clickhousemigrations.model.HistoryEvent;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.model.StatementOutcome;
import org.clickhousemigrations.plan.DoneSteps;
import org.clickhousemigrations.plan.MigrationPlanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repair of the history of one database: failures cleared, changed checksums accepted, missing
 * migrations forgotten, and statements of unknown or partial outcome settled.
 */
final class HistoryRepair extends HistoryChange {

	private static final Logger logger = LoggerFactory.getLogger(HistoryRepair.class);

	HistoryRepair(MigrationDatabase database, List<ResolvedMigration> resolved, MigrationServices services) {
		super(database, resolved, services);
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
								DoneSteps.checksum(info.resolved().steps(), steps), row.installedBy(), row.installedOn(),
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
		return row.with(event, rolledBack ? 0 : done, rolledBack ? "" : DoneSteps.checksum(steps, done),
				row.installedOn(), row.executionTimeMs(), "");
	}

}
