package org.clickhousemigrations.autoconfigure;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What an AOT-processed application or a native image needs to find the migrations of the default
 * location: the files below {@code db/clickhouse} (SQL migrations, schema declarations, other
 * tools' formats) as resources.
 */
class ClickHouseMigrationsRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		hints.resources().registerPattern("db/clickhouse/**");
	}

}
