package org.clickhousemigrations.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.history.ToolHistory;
import org.clickhousemigrations.history.ToolHistory.Tool;
import org.clickhousemigrations.lock.MigrationLock;
import org.clickhousemigrations.model.AppliedMigration;
import org.clickhousemigrations.model.HistoryEvent;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.plan.ImportPlanner;
import org.clickhousemigrations.plan.ImportPlanner.Adoption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adopts a history kept elsewhere: what another tool applied, recorded as applied here; or rows
 * exported from another database, written into an empty history as they are.
 */
final class HistoryImport extends HistoryChange {

	private static final Logger logger = LoggerFactory.getLogger(HistoryImport.class);

	HistoryImport(MigrationDatabase database, List<ResolvedMigration> resolved, MigrationServices services) {
		super(database, resolved, services);
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

}
