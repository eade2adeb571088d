package org.clickhousemigrations.execute;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.history.MigrationHistory;
import org.clickhousemigrations.model.AppliedMigration;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.sql.Placeholders;
import org.clickhousemigrations.sql.StatementSettings;
import org.clickhousemigrations.sql.StatementTarget;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Runs steps on a connection of the database, with {@link StatementSettings}, and writes its
 * history. A connection whose answer was lost is given back to its pool and replaced by a new one
 * before anything else is sent: a pool closes a broken connection.
 */
final class JdbcExecutionTarget implements ExecutionTarget {

	private final MigrationDatabase database;

	private final MigrationHistory history;

	private final Placeholders placeholders;

	private final StatementLookup lookup;

	private final Retry retry;

	// The connection steps run on; null after it was given back, until the next step takes a new one.
	private Connection connection;

	private final CopyLimits copyLimits;

	JdbcExecutionTarget(MigrationDatabase database, MigrationHistory history, Placeholders placeholders,
			Connection connection, Retry retry, CopyLimits copyLimits) {
		this.copyLimits = copyLimits;
		this.database = database;
		this.history = history;
		this.placeholders = placeholders;
		this.connection = connection;
		this.retry = retry;
		this.lookup = new StatementLookup(database, retry, placeholders.secrets());
	}

	@Override
	public String installedBy() {
		try {
			return connection().getMetaData().getUserName();
		}
		catch (SQLException ex) {
			return "";
		}
	}

	@Override
	public Placeholders placeholders() {
		return this.placeholders;
	}

	@Override
	public Retry retry() {
		return this.retry;
	}

	@Override
	public void run(MigrationStep step, String sql, String module, StatementId id, Verdict before) throws Exception {
		try {
			if (step.isSql()) {
				Optional<ChunkedCopy> copy = ChunkedCopy.of(sql);
				if (copy.isPresent()) {
					// Chunks can have run only if the step ran before: in an earlier attempt, or an earlier run.
					boolean ranBefore = before != Verdict.NONE || id.attempt() > 1;
					copy.get().run(this.database.dataSource(), sql, id, step.settings(), this.lookup, ranBefore,
							this.copyLimits, id.describe());
					return;
				}
				boolean insert = StatementTarget.isInsert(sql);
				execute(sql, id.queryId(), insert ? id.deduplicationToken() : null, step.settings());
				return;
			}
			JavaStepStatements statements = new JavaStepStatements(id, before.javaWrites());
			JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(statements.wrap(connection()), true));
			step.java().run(new DefaultMigrationContext(jdbc, this.database.name(), module, this.placeholders));
			// Tells a later run that the code returned: the step is done only if this marker finished.
			execute("SELECT 1", id.javaDoneQueryId(), null, Map.of());
		}
		catch (Exception ex) {
			if (ErrorClasses.of(ex, sql) == ErrorClasses.Handling.LOOK_UP || !isValid()) {
				release();
			}
			throw ex;
		}
	}

	@Override
	public Verdict verdict(StatementId id, String sql, Throwable answer) {
		if (ChunkedCopy.of(sql).isPresent()) {
			// A copy in chunks looks them up itself when it runs again; a chunk that failed wrote nothing.
			return (answer != null && ErrorClasses.of(answer, sql) == ErrorClasses.Handling.FAILED)
					? new Verdict(Verdict.Kind.FAILED, id.attempt(), "a chunk of the copy failed; the chunks before "
							+ "it stay written and the next run goes on from it")
					: new Verdict(Verdict.Kind.NOT_STARTED, id.attempt(), "its chunks are looked up as it runs");
		}
		return this.lookup.verdict(id, sql, answer, id.describe());
	}

	private void execute(String sql, String queryId, String deduplicationToken, Map<String, String> settings)
			throws SQLException {
		StatementSettings.execute(connection(), sql, queryId, deduplicationToken, settings);
	}

	private Connection connection() throws SQLException {
		if (this.connection == null) {
			this.connection = this.database.dataSource().getConnection();
		}
		return this.connection;
	}

	private boolean isValid() {
		try {
			return this.connection != null && !this.connection.isClosed();
		}
		catch (SQLException ex) {
			return false;
		}
	}

	// Gives the connection back: a pool drops a broken one, and the next step takes another.
	private void release() {
		if (this.connection != null) {
			try {
				this.connection.close();
			}
			catch (SQLException ex) {
				// Broken already.
			}
			this.connection = null;
		}
	}

	@Override
	public void record(List<AppliedMigration> rows) {
		this.history.append(this.database, rows);
	}

	@Override
	public void close() {
		release();
	}

}
