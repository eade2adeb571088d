package org.clickhousemigrations.engine;

import java.time.Instant;
import java.util.List;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.lock.MigrationLock;
import org.clickhousemigrations.model.AppliedMigration;
import org.clickhousemigrations.model.HistoryEvent;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.model.MigrationKey;
import org.clickhousemigrations.model.MigrationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Declares a module of an existing schema to be at a version, without running anything. */
final class Baseline extends HistoryChange {

	private static final Logger logger = LoggerFactory.getLogger(Baseline.class);

	Baseline(MigrationDatabase database, List<ResolvedMigration> resolved, MigrationServices services) {
		super(database, resolved, services);
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

}
