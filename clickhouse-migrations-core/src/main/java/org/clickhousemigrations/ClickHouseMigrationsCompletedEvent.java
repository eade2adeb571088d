package org.clickhousemigrations;

import java.util.Map;

/**
 * Published once the boot-time migration is over, whether it succeeded or not, for work that must
 * not start before the schema is there (message consumers, schedulers): listen with
 * {@code @EventListener(ClickHouseMigrationsCompletedEvent.class)} and start when
 * {@link #succeeded()}. Listeners of {@code ApplicationReadyEvent} may otherwise run while the
 * migration still does.
 *
 * @param databases the report of each migrated database after the migration, by name
 * @param failure what failed, or {@code null} when every database was migrated
 */
public record ClickHouseMigrationsCompletedEvent(Map<String, DatabaseReport> databases,
		ClickHouseMigrationException failure) {

	/** Whether every database was migrated. */
	public boolean succeeded() {
		return this.failure == null;
	}

}
