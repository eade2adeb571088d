package org.clickhousemigrations.engine;

import java.util.List;

import org.clickhousemigrations.MigrationInfo;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.execute.ExecutionTarget;
import org.clickhousemigrations.history.MigrationHistory;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.plan.MigrationPlanner;

/**
 * A change of the history of one database that runs no migration ({@link HistoryRepair},
 * {@link Baseline}, {@link HistoryImport}): each under the database's lock and recorded as history
 * rows.
 */
abstract class HistoryChange {

	protected final MigrationDatabase database;

	protected final List<ResolvedMigration> resolved;

	protected final MigrationServices services;

	HistoryChange(MigrationDatabase database, List<ResolvedMigration> resolved, MigrationServices services) {
		this.database = database;
		this.resolved = resolved;
		this.services = services;
	}

	/** The state of every migration, from the history as it is now. */
	protected List<MigrationInfo> infos() {
		return MigrationPlanner.info(this.database, this.resolved, history().read(this.database).latest(),
				this.services.router());
	}

	/** Who the history records as having made the change. */
	protected String installedBy() {
		try (ExecutionTarget target = this.services.targets().open(this.database, true)) {
			return target.installedBy();
		}
	}

	protected MigrationHistory history() {
		return this.services.history();
	}

}
