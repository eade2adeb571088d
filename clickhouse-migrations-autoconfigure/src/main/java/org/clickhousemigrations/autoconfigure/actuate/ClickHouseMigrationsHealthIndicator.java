package org.clickhousemigrations.autoconfigure.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
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
 * INVALID or UNREACHABLE; UP otherwise. The status of each database is in the details. The state
 * is read at most once per {@code cache}: probes come often, and each read is a history read per
 * database.
 */
public class ClickHouseMigrationsHealthIndicator extends AbstractHealthIndicator {

	private static final Set<DatabaseStatus> DOWN = EnumSet.of(DatabaseStatus.FAILED, DatabaseStatus.INVALID,
			DatabaseStatus.UNREACHABLE);

	private final ClickHouseMigrations migrations;

	private final Duration cache;

	private final Clock clock;

	// The last state read, and when.
	private volatile Checked last;

	public ClickHouseMigrationsHealthIndicator(ClickHouseMigrations migrations, Duration cache) {
		this(migrations, cache, Clock.systemUTC());
	}

	ClickHouseMigrationsHealthIndicator(ClickHouseMigrations migrations, Duration cache, Clock clock) {
		super("ClickHouse migrations health check failed");
		this.migrations = migrations;
		this.cache = cache;
		this.clock = clock;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Checked checked = this.last;
		Instant now = this.clock.instant();
		if (checked == null || !now.isBefore(checked.at().plus(this.cache))) {
			checked = check(now);
			this.last = checked;
		}
		(checked.down() ? builder.down() : builder.up()).withDetail("databases", checked.databases());
	}

	private Checked check(Instant now) {
		Map<String, String> details = new LinkedHashMap<>();
		boolean down = false;
		for (DatabaseReport report : this.migrations.info().databases().values()) {
			details.put(report.name(), report.status().name());
			down |= report.migrate() && !report.readonly() && DOWN.contains(report.status());
		}
		return new Checked(now, Collections.unmodifiableMap(details), down);
	}

	/** The state of every database at one time. */
	private record Checked(Instant at, Map<String, String> databases, boolean down) {
	}

}
