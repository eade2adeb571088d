package org.clickhousemigrations.execute;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.history.MigrationHistory;
import org.clickhousemigrations.model.AppliedMigration;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.sql.Placeholders;
import org.clickhousemigrations.sql.StatementSettings;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** Runs steps on one connection of the database, with {@link StatementSettings}, and writes its history. */
final class JdbcExecutionTarget implements ExecutionTarget {

	// INSERT, after any comments.
	private static final Pattern INSERT = Pattern.compile("(?is)(?:\\s+|--[^\\n]*|#[^\\n]*|/\\*.*?\\*/)*INSERT\\s");

	private final MigrationDatabase database;

	private final MigrationHistory history;

	private final Placeholders placeholders;

	private final Connection connection;

	private final JdbcTemplate jdbc;

	private final QueryLogOutcomes outcomes;

	// The Java step running now, whose statements carry its identity, and how many it sent.
	private StatementId javaStep;

	private int javaStatements;

	JdbcExecutionTarget(MigrationDatabase database, MigrationHistory history, Placeholders placeholders,
			Connection connection) {
		this.database = database;
		this.history = history;
		this.placeholders = placeholders;
		this.connection = connection;
		this.outcomes = new QueryLogOutcomes(database);
		this.jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true)) {

			// Java steps get the same per-query settings as SQL steps, and query ids of their step.
			@Override
			protected void applyStatementSettings(Statement statement) throws SQLException {
				super.applyStatementSettings(statement);
				StatementId step = JdbcExecutionTarget.this.javaStep;
				StatementSettings.apply(statement,
						(step != null) ? step.javaQueryId(++JdbcExecutionTarget.this.javaStatements) : null, null, Map.of());
			}

		};
	}

	@Override
	public String installedBy() {
		try {
			return this.connection.getMetaData().getUserName();
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
	public void run(MigrationStep step, String sql, String module, StatementId id) throws Exception {
		if (step.isSql()) {
			execute(sql, id.queryId(), INSERT.matcher(sql).lookingAt() ? id.deduplicationToken() : null,
					step.settings());
			return;
		}
		this.javaStep = id;
		this.javaStatements = 0;
		try {
			step.java().run(new DefaultMigrationContext(this.jdbc, this.database.name(), module, this.placeholders));
		}
		finally {
			this.javaStep = null;
		}
		// Tells a later run that the code returned: the step is done only if this marker finished.
		execute("SELECT 1", id.javaDoneQueryId(), null, Map.of());
	}

	@Override
	public Outcome outcome(StatementId id, boolean java) {
		return this.outcomes.outcome(id, java);
	}

	private void execute(String sql, String queryId, String deduplicationToken, Map<String, String> settings)
			throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			StatementSettings.apply(statement, queryId, deduplicationToken, settings);
			statement.execute(sql);
		}
	}

	@Override
	public void record(List<AppliedMigration> rows) {
		this.history.append(this.database, rows);
	}

	@Override
	public void close() {
		try {
			this.connection.close();
		}
		catch (SQLException ex) {
			// Nothing left to do with it.
		}
	}

}
