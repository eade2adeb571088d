package org.clickhousemigrations.execute;

import java.util.List;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.model.AppliedMigration;
import org.clickhousemigrations.sql.Placeholders;

/**
 * Where the {@link MigrationExecutor} sends its effects: a live database, or the script of a
 * dry run. The executor makes the same decisions for both, so a dry run shows exactly what a
 * migrate would do.
 */
public interface ExecutionTarget extends AutoCloseable {

	/** Who the history records as having run the migrations. */
	String installedBy();

	/** The placeholders of the database, resolved against its connection. */
	Placeholders placeholders();

	/** How long ClickHouse is waited for when it asks to. */
	default Retry retry() {
		return Retry.DEFAULT;
	}

	/**
	 * Runs one step; {@code sql} is its SQL with placeholders resolved, or {@code null} for Java.
	 * @param id the step's identity in ClickHouse, which its statements carry as their query id
	 * @param before what earlier attempts of the step did: a Java step is replayed with the writes
	 * that finished skipped
	 */
	void run(MigrationStep step, String sql, String module, StatementId id, Verdict before) throws Exception;

	/**
	 * Asks ClickHouse what became of the step with this identity, waiting while it still runs, and
	 * what its failed attempts left behind (a mutation is waited for).
	 * @param sql the statement, or {@code null} for a Java step, which counts as done only if its
	 * code returned
	 * @param answer the error that prompted the question, or {@code null} when an earlier run left
	 * the step unfinished
	 */
	Verdict verdict(StatementId id, String sql, Throwable answer);

	/** Appends rows to the history, in one write. */
	void record(List<AppliedMigration> rows);

	/** What a dry run collected, each statement without a trailing {@code ;}; empty for a live target. */
	default List<String> script() {
		return List.of();
	}

	@Override
	void close();

}
