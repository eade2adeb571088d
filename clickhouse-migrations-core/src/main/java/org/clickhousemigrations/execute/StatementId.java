package org.clickhousemigrations.execute;

import java.time.Instant;

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
 * the application of the migration it belongs to, so it is the same for every attempt of that
 * application, a failure or a crash in between included
 * @param attempt which attempt this is, from 1
 */
public record StatementId(String base, int attempt) {

	/**
	 * @param database the configured database and the ClickHouse database it connects to
	 * @param index the statement's index in its steps, from 0
	 * @param progressChecksum the checksum of the steps up to and including this one
	 * @param application when this application of the migration began, as its history rows keep it
	 * (a rollback is part of the application it undoes): a run that resumes after a failure or a
	 * crash reads it back, so it computes the same identity; and it tells apart this application
	 * from one before a rollback
	 */
	public static StatementId of(String database, MigrationKey key, boolean rollback, int index,
			String progressChecksum, Instant application) {
		String direction = (rollback ? "r" : "f") + (index + 1);
		String hash = Checksums.of(String.join("\n", database, key.toString(), direction, progressChecksum,
				String.valueOf(application.toEpochMilli())));
		return new StatementId("chm_" + hash + "_" + key.module().replaceAll("[^A-Za-z0-9]", "-") + "_"
				+ key.version() + "_" + direction, 1);
	}

	/** The query id of this attempt. */
	public String queryId() {
		return prefix() + this.attempt;
	}

	/** The statement as a person names it: {@code events:0002 statement 3} (or {@code rollback statement 3}). */
	public String describe() {
		String[] parts = this.base.split("_");
		String direction = parts[parts.length - 1];
		return parts[parts.length - 3] + ":" + parts[parts.length - 2] + " "
				+ (direction.startsWith("r") ? "rollback statement " : "statement ") + direction.substring(1);
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

	/**
	 * The query id of the {@code n}th write a Java step sends (from 1), whose text has checksum
	 * {@code checksum}: a replay of the step skips the writes that finished, and stops at one whose
	 * text changed.
	 */
	String javaWriteQueryId(int n, String checksum) {
		return queryId() + "_w" + n + "_" + checksum;
	}

	/** The query id of the {@code n}th read a Java step sends (from 1); reads run again in a replay. */
	String javaReadQueryId(int n) {
		return queryId() + "_r" + n;
	}

	/** The {@code insert_deduplication_token} of the {@code n}th write of a Java step. */
	String javaDeduplicationToken(int n) {
		return this.base + "_w" + n;
	}

	/** The query id of the marker sent after a Java step's code returned. */
	String javaDoneQueryId() {
		return queryId() + "_done";
	}

}
