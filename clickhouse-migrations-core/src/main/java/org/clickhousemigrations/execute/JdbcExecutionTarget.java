package org.clickhousemigrations.execute;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

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

	private final MigrationDatabase database;

	private final MigrationHistory history;

	private final Placeholders placeholders;

	private final Connection connection;

	private final JdbcTemplate jdbc;

	JdbcExecutionTarget(MigrationDatabase database, MigrationHistory history, Placeholders placeholders,
			Connection connection) {
		this.database = database;
		this.history = history;
		this.placeholders = placeholders;
		this.connection = connection;
		this.jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true)) {

			// Java steps get the same per-query settings as SQL steps.
			@Override
			protected void applyStatementSettings(Statement statement) throws SQLException {
				super.applyStatementSettings(statement);
				StatementSettings.apply(statement);
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
	public void run(MigrationStep step, String sql, String module) throws Exception {
		if (step.isSql()) {
			try (Statement statement = this.connection.createStatement()) {
				StatementSettings.apply(statement);
				statement.execute(sql);
			}
		}
		else {
			step.java().run(new DefaultMigrationContext(this.jdbc, this.database.name(), module, this.placeholders));
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
