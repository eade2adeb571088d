package org.clickhousemigrations;

import java.util.Optional;

import org.clickhousemigrations.operation.Ddl;
import org.clickhousemigrations.sql.Identifiers;


/**
 * The operations a {@link ClickHouseMigration} is made of. SQL text may use placeholders
 * ({@code ${database}}, {@code ${on_cluster}}, configured ones). The DDL helpers quote names,
 * use {@code IF [NOT] EXISTS} so that they can safely run again, add {@code ${on_cluster}}, and
 * know their inverse where one exists.
 */
public final class Operations {

	private Operations() {
	}

	/** One SQL statement that cannot be undone automatically. */
	public static Operation sql(String statement) {
		return of(MigrationStep.sql(statement), null);
	}

	/** One SQL statement and the statement that undoes it. */
	public static Operation sql(String forward, String rollback) {
		return of(MigrationStep.sql(forward), MigrationStep.sql(rollback));
	}

	/**
	 * A backfill: {@code INSERT INTO <table> SELECT ... FROM <source> ...} copied in chunks, one per
	 * distinct value of {@code chunkBy} over the rows of {@code source} (e.g. {@code toYYYYMM(at)}, or
	 * {@code intDiv(id, 1000000)} for ranges of a key), each chunk written once as one block and
	 * recorded, so that a failure, a kill or a lost answer resumes at the first unfinished chunk. The
	 * same as the line {@code -- backfill: by <chunkBy>} above the statement in a SQL file.
	 */
	public static Operation backfill(String insertSelect, String chunkBy) {
		if (chunkBy == null || chunkBy.isBlank() || chunkBy.contains("\n")) {
			throw new IllegalArgumentException("a backfill needs an expression to make chunks by, on one line");
		}
		return of(MigrationStep.sql("-- backfill: by " + chunkBy.strip() + "\n" + insertSelect.strip()), null);
	}

	/**
	 * A live copy: {@code newTable}, empty and made with the new sorting key, partition key or engine,
	 * is filled with the rows of {@code table} (the columns both have) while {@code table} keeps
	 * taking inserts, then the two are exchanged, so that every row inserted before, during and after
	 * is in the new table once; the old rows stay in {@code newTable} for a later migration to drop.
	 * Both must be MergeTree family tables of one server. The same as the line {@code -- copy: live}
	 * above {@code EXCHANGE TABLES table AND newTable} in a SQL file. Undone by the same operation on
	 * a new empty table of the old layout.
	 */
	public static Operation copyLiveAndExchange(String table, String newTable) {
		return of(MigrationStep.sql("-- copy: live\nEXCHANGE TABLES " + Identifiers.quote(table) + " AND "
				+ Identifiers.quote(newTable)), null);
	}

	/** Java code that cannot be undone automatically. */
	public static Operation java(JavaStep step) {
		return of(MigrationStep.java(step, describe(step)), null);
	}

	/** Java code and the code that undoes it. */
	public static Operation java(JavaStep forward, JavaStep rollback) {
		return of(MigrationStep.java(forward, describe(forward)), MigrationStep.java(rollback, describe(rollback)));
	}

	/** Java code with a label for logs, history and dry-run reports. */
	public static Operation java(String label, JavaStep forward, JavaStep rollback) {
		return of(MigrationStep.java(forward, label),
				(rollback != null) ? MigrationStep.java(rollback, "undo " + label) : null);
	}

	/**
	 * {@code CREATE TABLE IF NOT EXISTS table (columns) ENGINE = engine}.
	 * @param columns the column list, e.g. {@code "id UInt64, at DateTime"}
	 * @param engine the engine clause, e.g. {@code "MergeTree ORDER BY id"}
	 */
	public static Operation createTable(String table, String columns, String engine) {
		return sql(Ddl.createTable(table, columns, engine), Ddl.dropTable(table));
	}

	/** {@code DROP TABLE IF EXISTS}; not reversible. */
	public static Operation dropTable(String table) {
		return sql(Ddl.dropTable(table));
	}

	/** {@code ADD COLUMN IF NOT EXISTS}; undone by dropping the column. */
	public static Operation addColumn(String table, String column, String type) {
		return sql(Ddl.addColumn(table, column, type), Ddl.dropColumn(table, column));
	}

	/** {@code DROP COLUMN IF EXISTS}; not reversible. */
	public static Operation dropColumn(String table, String column) {
		return sql(Ddl.dropColumn(table, column));
	}

	/** {@code DROP COLUMN IF EXISTS}; undone by adding an empty column of {@code type} back. */
	public static Operation dropColumn(String table, String column, String type) {
		return sql(Ddl.dropColumn(table, column), Ddl.addColumn(table, column, type));
	}

	/** {@code MODIFY COLUMN IF EXISTS column type}; not reversible. */
	public static Operation modifyColumn(String table, String column, String type) {
		return sql(Ddl.modifyColumn(table, column, type));
	}

	/** {@code MODIFY COLUMN IF EXISTS column type}; undone by modifying it back to {@code previousType}. */
	public static Operation modifyColumn(String table, String column, String type, String previousType) {
		return sql(Ddl.modifyColumn(table, column, type), Ddl.modifyColumn(table, column, previousType));
	}

	/** {@code RENAME COLUMN IF EXISTS from TO to}; undone by renaming it back. */
	public static Operation renameColumn(String table, String from, String to) {
		return sql(Ddl.renameColumn(table, from, to), Ddl.renameColumn(table, to, from));
	}

	/** {@code ADD INDEX IF NOT EXISTS name expression TYPE type GRANULARITY granularity}. */
	public static Operation addIndex(String table, String name, String expression, String type, int granularity) {
		return sql(Ddl.addIndex(table, name, expression, type, granularity), Ddl.dropIndex(table, name));
	}

	/** {@code DROP INDEX IF EXISTS}; not reversible. */
	public static Operation dropIndex(String table, String name) {
		return sql(Ddl.dropIndex(table, name));
	}

	/** {@code CREATE VIEW IF NOT EXISTS view AS select}. */
	public static Operation createView(String view, String select) {
		return sql(Ddl.createView(view, select), Ddl.dropView(view));
	}

	/** {@code CREATE MATERIALIZED VIEW IF NOT EXISTS view TO targetTable AS select}. */
	public static Operation createMaterializedView(String view, String targetTable, String select) {
		return sql(Ddl.createMaterializedView(view, targetTable, select), Ddl.dropView(view));
	}

	/** {@code DROP VIEW IF EXISTS} (plain or materialized); not reversible. */
	public static Operation dropView(String view) {
		return sql(Ddl.dropView(view));
	}

	private static Operation of(MigrationStep forward, MigrationStep inverse) {
		return new StepOperation(forward, Optional.ofNullable(inverse));
	}

	private static String describe(JavaStep step) {
		String name = step.getClass().getName();
		// Lambdas have generated names; the enclosing class is what a reader recognises.
		int lambda = name.indexOf("$$Lambda");
		return (lambda > 0) ? name.substring(0, lambda) + " (lambda)" : name;
	}

	private record StepOperation(MigrationStep forward, Optional<MigrationStep> inverse) implements Operation {
	}

}
