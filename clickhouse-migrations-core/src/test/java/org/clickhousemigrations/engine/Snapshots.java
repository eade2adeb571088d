package org.clickhousemigrations.engine;

import org.clickhousemigrations.test.EmbeddedClickHouse;

/** The schema and data of a database as text, to compare two databases. */
final class Snapshots {

	private Snapshots() {
	}

	/** Every table but the library's own: its definition (database name left out) and its rows, sorted. */
	static String of(EmbeddedClickHouse clickHouse, String database) {
		StringBuilder snapshot = new StringBuilder();
		for (String table : clickHouse.query("SELECT name FROM system.tables WHERE database = '" + database
				+ "' AND NOT startsWith(name, 'clickhouse_migrations') ORDER BY name").lines().toList()) {
			snapshot.append(clickHouse.query("SHOW CREATE TABLE " + database + "." + table + " FORMAT TSVRaw")
				.replace(database + ".", "<db>."))
				.append(clickHouse.query("SELECT * FROM " + database + "." + table + " ORDER BY ALL"));
		}
		return snapshot.toString();
	}

}
