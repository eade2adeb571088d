package org.clickhousemigrations.autoconfigure;

import java.util.List;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.ClickHouseMigrationsCompletedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Migrates the databases when the application is ready. It runs inside the
 * {@link ApplicationReadyEvent} listener, before Spring Boot declares readiness
 * {@code ACCEPTING_TRAFFIC}: no traffic reaches an application whose schema is still changing.
 * Then publishes {@link ClickHouseMigrationsCompletedEvent}.
 */
public class ClickHouseMigrationsRunner implements ApplicationListener<ApplicationReadyEvent> {

	private static final Logger logger = LoggerFactory.getLogger(ClickHouseMigrationsRunner.class);

	private final ClickHouseMigrations migrations;

	private final boolean failOnError;

	private final boolean commandMode;

	/**
	 * @param commandMode whether a command runs instead; then this runner does nothing
	 */
	public ClickHouseMigrationsRunner(ClickHouseMigrations migrations, boolean failOnError, boolean commandMode) {
		this.migrations = migrations;
		this.failOnError = failOnError;
		this.commandMode = commandMode;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (this.commandMode) {
			return;
		}
		List<String> unknown = UnknownKeys.of(event.getApplicationContext().getEnvironment());
		if (!unknown.isEmpty()) {
			logger.warn("Unknown configuration key{} {}: nothing reads {}; check the spelling", (unknown.size() == 1) ? ""
					: "s", String.join(", ", unknown), (unknown.size() == 1) ? "it" : "them");
		}
		ClickHouseMigrationException failure = null;
		try {
			this.migrations.migrate();
		}
		catch (ClickHouseMigrationException ex) {
			failure = ex;
		}
		// Told whatever the outcome, so that work waiting for the schema knows it can start, or not.
		event.getApplicationContext().publishEvent(new ClickHouseMigrationsCompletedEvent(
				this.migrations.latestReports(), failure));
		if (failure != null) {
			if (this.failOnError) {
				throw failure;
			}
			logger.error("ClickHouse migrations failed; the application goes on because "
					+ "clickhouse.migrations.fail-on-error=false:\n{}", failure.getMessage());
		}
	}

}
