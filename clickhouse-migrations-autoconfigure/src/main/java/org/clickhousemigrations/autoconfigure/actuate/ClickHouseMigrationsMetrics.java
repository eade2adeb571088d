package org.clickhousemigrations.autoconfigure.actuate;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.DatabaseReport;
import org.clickhousemigrations.MigrationListener;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.model.MigrationState;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Metrics of migrations: a timer per migration run ({@code clickhouse.migrations.migration}, tags
 * database, module, version, outcome) and gauges of pending and failed migrations per database
 * ({@code clickhouse.migrations.pending}, {@code clickhouse.migrations.failed}) and of how long
 * the statement running now has run ({@code clickhouse.migrations.statement.age}). The gauges
 * show the latest known state and never query ClickHouse themselves.
 */
public class ClickHouseMigrationsMetrics implements MigrationListener, MeterBinder {

	private final ObjectProvider<ClickHouseMigrations> migrations;

	private MeterRegistry registry;

	public ClickHouseMigrationsMetrics(ObjectProvider<ClickHouseMigrations> migrations) {
		this.migrations = migrations;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		for (MigrationDatabase database : this.migrations.getObject().databases()) {
			gauge(registry, "clickhouse.migrations.pending", "Migrations waiting to be applied", database,
					MigrationState.PENDING);
			gauge(registry, "clickhouse.migrations.failed", "Migrations that failed or were interrupted", database,
					MigrationState.FAILED);
			Gauge.builder("clickhouse.migrations.statement.age", this, (metrics) -> metrics.runningFor(database.name()))
				.description("How long the statement of a migration running now has run, 0 when none runs")
				.baseUnit("seconds")
				.tag("database", database.name())
				.register(registry);
		}
	}

	private void gauge(MeterRegistry registry, String name, String description, MigrationDatabase database,
			MigrationState state) {
		Gauge.builder(name, this, (metrics) -> metrics.count(database.name(), state))
			.description(description)
			.tag("database", database.name())
			.register(registry);
	}

	private double count(String database, MigrationState state) {
		DatabaseReport report = this.migrations.getObject().latestReports().get(database);
		return (report != null) ? report.count(state) : Double.NaN;
	}

	// In memory: the running statements are known without asking ClickHouse.
	private double runningFor(String database) {
		return this.migrations.getObject().running().stream()
			.filter((statement) -> statement.database().equals(database))
			.mapToDouble((statement) -> statement.age().toMillis() / 1000.0)
			.findFirst()
			.orElse(0);
	}

	@Override
	public void succeeded(MigrationDatabase database, ResolvedMigration migration, boolean rollback, long millis) {
		record(database, migration, rollback ? "rolled_back" : "success", millis);
	}

	@Override
	public void failed(MigrationDatabase database, ResolvedMigration migration, boolean rollback, long millis,
			Exception failure) {
		record(database, migration, "failure", millis);
	}

	private void record(MigrationDatabase database, ResolvedMigration migration, String outcome, long millis) {
		if (this.registry != null) {
			Timer.builder("clickhouse.migrations.migration")
				.description("Time to run one migration")
				.tag("database", database.name())
				.tag("module", migration.module())
				.tag("version", migration.version().toString())
				.tag("outcome", outcome)
				.register(this.registry)
				.record(millis, TimeUnit.MILLISECONDS);
		}
	}

}
