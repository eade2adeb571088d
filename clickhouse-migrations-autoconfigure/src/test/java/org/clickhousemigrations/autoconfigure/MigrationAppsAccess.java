package org.clickhousemigrations.autoconfigure;

import org.clickhousemigrations.test.EmbeddedClickHouse;

import org.springframework.context.ConfigurableApplicationContext;

/** {@link MigrationApps} for tests in other packages. */
public final class MigrationAppsAccess {

	private MigrationAppsAccess() {
	}

	/** Runs an application that would start a web server, unless command mode turns it off. */
	public static ConfigurableApplicationContext runWeb(EmbeddedClickHouse clickHouse, String database,
			String... properties) {
		return MigrationApps.run(clickHouse, database, true, properties);
	}

	/** Runs a non-web application on {@code database}. */
	public static ConfigurableApplicationContext run(EmbeddedClickHouse clickHouse, String database,
			String... properties) {
		return MigrationApps.run(clickHouse, database, false, properties);
	}

	public static int lastExit() {
		return MigrationApps.lastExit.get();
	}

}
