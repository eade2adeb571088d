package org.clickhousemigrations.autoconfigure.actuate;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.DatabaseReport;
import org.clickhousemigrations.model.DatabaseStatus;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health contributor {@code clickhouseMigrations}: DOWN when a migrated database is FAILED,
 * INVALID or UNREACHABLE; UP otherwise. The status of each database is in the details.
 */
public class ClickHouseMigrationsHealthIndicator extends AbstractHealthIndicator {

	private static final Set<DatabaseStatus> DOWN = EnumSet.of(DatabaseStatus.FAILED, DatabaseStatus.INVALID,
			DatabaseStatus.UNREACHABLE);

	private final ClickHouseMigrations migrations;

	public ClickHouseMigrationsHealthIndicator(ClickHouseMigrations migrations) {
		super("ClickHouse migrations health check failed");
		this.migrations = migrations;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Map<String, String> details = new LinkedHashMap<>();
		boolean down = false;
		for (DatabaseReport report : this.migrations.info().databases().values()) {
			details.put(report.name(), report.status().name());
			down |= report.migrate() && !report.readonly() && DOWN.contains(report.status());
		}
		(down ? builder.down() : builder.up()).withDetail("databases", details);
	}

}
