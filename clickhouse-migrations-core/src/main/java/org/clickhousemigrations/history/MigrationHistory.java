package org.clickhousemigrations.history;

import java.util.List;

import org.clickhousemigrations.model.AppliedMigration;
import org.clickhousemigrations.model.MigrationDatabase;

/**
 * Where the history of each database is kept: an append-only log of {@link AppliedMigration}
 * rows, of which the latest per migration is its state. Replace it by declaring a bean of this type.
 */
public interface MigrationHistory {

	/** Where the history of the database is, for reports, e.g. {@code analytics.clickhouse_migrations}. */
	String location(MigrationDatabase database);

	/**
	 * Reads the latest row of every migration, in one request and without writing anything.
	 * @return the rows, and whether the history exists at all
	 */
	Snapshot read(MigrationDatabase database);

	/**
	 * Every row, oldest first: the audit trail. A history that cannot list its rows says so.
	 * @throws UnsupportedOperationException when this history does not keep them in order
	 */
	default List<AppliedMigration> all(MigrationDatabase database) {
		throw new UnsupportedOperationException(getClass().getName() + " does not list its rows; implement "
				+ "MigrationHistory.all to show, export and import the history");
	}

	/** Creates the history if it does not exist. Never called for a read-only database. */
	void create(MigrationDatabase database);

	/** Appends rows, all in one write. */
	void append(MigrationDatabase database, List<AppliedMigration> rows);

	/** What {@link #append} would send, for a dry run; a comment by default. */
	default String render(MigrationDatabase database, List<AppliedMigration> rows) {
		StringBuilder comment = new StringBuilder("-- history of ").append(location(database)).append(':');
		rows.forEach((row) -> comment.append(' ').append(row.event()).append(' ').append(row.key()));
		return comment.toString();
	}

	/** The statement that {@link #create} would run, for a dry run; a comment by default. */
	default String renderCreate(MigrationDatabase database) {
		return "-- create the history " + location(database);
	}

	/**
	 * What {@link #read} found.
	 *
	 * @param exists whether the history exists
	 * @param latest the latest row of each migration
	 */
	record Snapshot(boolean exists, List<AppliedMigration> latest) {

		public static Snapshot empty() {
			return new Snapshot(false, List.of());
		}

	}

}
