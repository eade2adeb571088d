package org.clickhousemigrations.execute;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.clickhousemigrations.AppliedMigration;
import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.MigrationContext;
import org.clickhousemigrations.MigrationDatabase;
import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.history.MigrationHistory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** Runs steps on one connection of the database and writes its history. */
public final class JdbcExecutionTarget implements ExecutionTarget {

	private final MigrationDatabase database;

	private final MigrationHistory history;

	private final Placeholders placeholders;

	private final Connection connection;

	private final JdbcTemplate jdbc;

	public JdbcExecutionTarget(MigrationDatabase database, MigrationHistory history, Placeholders placeholders) {
		this.database = database;
		this.history = history;
		this.placeholders = placeholders;
		try {
			this.connection = database.dataSource().getConnection();
		}
		catch (SQLException ex) {
			throw new ClickHouseMigrationException("Cannot connect to database '" + database.name() + "': "
					+ ClickHouseErrors.describe(ex), ex);
		}
		this.jdbc = new JdbcTemplate(new SingleConnectionDataSource(this.connection, true)) {

			// Java steps get the same per-query settings as SQL steps.
			@Override
			protected void applyStatementSettings(java.sql.Statement statement) throws SQLException {
				super.applyStatementSettings(statement);
				StatementRunner.applySettings(statement);
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
	public void run(MigrationStep step, String sql, String module) throws Exception {
		if (step.isSql()) {
			StatementRunner.execute(this.connection, sql);
		}
		else {
			step.java().run(context(module));
		}
	}

	@Override
	public void record(List<AppliedMigration> rows) {
		this.history.append(this.database, rows);
	}

	private MigrationContext context(String module) {
		return new DefaultMigrationContext(this.jdbc, this.database.name(), module, this.placeholders);
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
