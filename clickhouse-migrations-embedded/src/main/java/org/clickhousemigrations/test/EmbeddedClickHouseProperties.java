package org.clickhousemigrations.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Spring properties that point an application at databases on an {@link EmbeddedClickHouse}:
 * the primary one as {@code spring.datasource.*}, each extra one as
 * {@code clickhouse.migrations.databases.<name>.*}.
 */
public final class EmbeddedClickHouseProperties {

	private EmbeddedClickHouseProperties() {
	}

	/**
	 * Creates a fresh database for the application and for each of {@code extraDatabases}, and
	 * returns the properties that name them.
	 */
	public static Map<String, Object> createDatabases(EmbeddedClickHouse clickHouse, List<String> extraDatabases) {
		Map<String, Object> properties = new LinkedHashMap<>();
		put(properties, "spring.datasource.", clickHouse, clickHouse.createDatabase("app"));
		for (String name : extraDatabases) {
			put(properties, "clickhouse.migrations.databases." + name + ".", clickHouse, clickHouse.createDatabase(name));
		}
		return properties;
	}

	private static void put(Map<String, Object> properties, String prefix, EmbeddedClickHouse clickHouse,
			String database) {
		properties.put(prefix + "url", clickHouse.jdbcUrl(database));
		properties.put(prefix + "username", clickHouse.username());
		properties.put(prefix + "password", clickHouse.password());
	}

}
