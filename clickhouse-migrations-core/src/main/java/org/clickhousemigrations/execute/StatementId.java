package org.clickhousemigrations.execute;

import org.clickhousemigrations.model.AppliedMigration;
import org.clickhousemigrations.model.Checksums;
import org.clickhousemigrations.model.MigrationKey;

/**
 * The identity of one statement of a migration (or of its rollback) on one database, the same in
 * every process that runs it: its {@code query_id} in ClickHouse is {@link #queryId()}, so that
 * another run can ask {@code system.processes} and {@code system.query_log} what became of it.
 * Each attempt to run the statement has its own query id; all share {@link #prefix()}.
 *
 * @param base {@code chm_<hash>_<module>_<version>_<f|r><statement>}: the hash covers the database,
 * the migration, the direction, the statement number, the checksum of the statements up to it and
 * the history row the statement follows
 * @param attempt which attempt this is, from 1
 */
public record StatementId(String base, int attempt) {

	/**
	 * @param database the configured database and the ClickHouse database it connects to
	 * @param index the statement's index in its steps, from 0
	 * @param progressChecksum the checksum of the steps up to and including this one
	 * @param latest the latest history row of the migration when the statement starts, or
	 * {@code null}: what a run that resumes after a crash reads back, so it computes the same
	 * identity; and what tells apart this application of the migration from one before a rollback
	 */
	public static StatementId of(String database, MigrationKey key, boolean rollback, int index,
			String progressChecksum, AppliedMigration latest) {
		String direction = (rollback ? "r" : "f") + (index + 1);
		String after = (latest != null)
				? latest.event() + " " + latest.statementsDone() + " " + latest.installedOn().toEpochMilli() : "none";
		String hash = Checksums.of(String.join("\n", database, key.toString(), direction, progressChecksum, after));
		return new StatementId("chm_" + hash + "_" + key.module().replaceAll("[^A-Za-z0-9]", "-") + "_"
				+ key.version() + "_" + direction, 1);
	}

	/** The query id of this attempt. */
	public String queryId() {
		return prefix() + this.attempt;
	}

	/** What the query ids of every attempt start with. */
	public String prefix() {
		return this.base + "_a";
	}

	/** The same statement, attempt {@code attempt}. */
	public StatementId attempt(int attempt) {
		return new StatementId(this.base, attempt);
	}

	/**
	 * The {@code insert_deduplication_token} of an INSERT: the same for every attempt, so that a
	 * table that deduplicates drops a second copy, whoever re-sent it.
	 */
	public String deduplicationToken() {
		return this.base;
	}

	/** The query id of the {@code n}th statement a Java step sends, from 1. */
	String javaQueryId(int n) {
		return queryId() + "_j" + n;
	}

	/** The query id of the marker sent after a Java step's code returned. */
	String javaDoneQueryId() {
		return queryId() + "_done";
	}

}
