package org.clickhousemigrations.operation;

import static org.clickhousemigrations.sql.Identifiers.quote;

/**
 * Renders the statements of the DDL helpers of {@code Operations}: names quoted, {@code IF [NOT]
 * EXISTS} so that a statement can safely run again, and {@code ${on_cluster}} where ClickHouse
 * takes {@code ON CLUSTER}.
 */
public final class Ddl {

	private Ddl() {
	}

	public static String createTable(String table, String columns, String engine) {
		return "CREATE TABLE IF NOT EXISTS " + quote(table) + " ${on_cluster} (" + columns + ") ENGINE = " + engine;
	}

	public static String dropTable(String table) {
		return "DROP TABLE IF EXISTS " + quote(table) + " ${on_cluster}";
	}

	public static String addColumn(String table, String column, String type) {
		return alter(table) + "ADD COLUMN IF NOT EXISTS " + quote(column) + " " + type;
	}

	public static String dropColumn(String table, String column) {
		return alter(table) + "DROP COLUMN IF EXISTS " + quote(column);
	}

	public static String modifyColumn(String table, String column, String type) {
		return alter(table) + "MODIFY COLUMN IF EXISTS " + quote(column) + " " + type;
	}

	public static String renameColumn(String table, String from, String to) {
		return alter(table) + "RENAME COLUMN IF EXISTS " + quote(from) + " TO " + quote(to);
	}

	public static String addIndex(String table, String name, String expression, String type, int granularity) {
		return alter(table) + "ADD INDEX IF NOT EXISTS " + quote(name) + " " + expression + " TYPE " + type
				+ " GRANULARITY " + granularity;
	}

	public static String dropIndex(String table, String name) {
		return alter(table) + "DROP INDEX IF EXISTS " + quote(name);
	}

	public static String createView(String view, String select) {
		return "CREATE VIEW IF NOT EXISTS " + quote(view) + " ${on_cluster} AS " + select;
	}

	public static String createMaterializedView(String view, String targetTable, String select) {
		return "CREATE MATERIALIZED VIEW IF NOT EXISTS " + quote(view) + " ${on_cluster} TO " + quote(targetTable)
				+ " AS " + select;
	}

	public static String dropView(String view) {
		return "DROP VIEW IF EXISTS " + quote(view) + " ${on_cluster}";
	}

	private static String alter(String table) {
		return "ALTER TABLE " + quote(table) + " ${on_cluster} ";
	}

}
