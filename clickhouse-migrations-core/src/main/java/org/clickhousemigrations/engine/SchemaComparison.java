package org.clickhousemigrations.engine;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.diff.ColumnRename;
import org.clickhousemigrations.diff.SchemaChange;
import org.clickhousemigrations.diff.SchemaDiff;
import org.clickhousemigrations.diff.SchemaReader;
import org.clickhousemigrations.diff.TableSchema;
import org.clickhousemigrations.lock.TableMigrationLock;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.model.MigrationKey;
import org.clickhousemigrations.resolve.DeclaredSchemaSource.DeclaredStatement;
import org.clickhousemigrations.sql.ClickHouseErrors;
import org.clickhousemigrations.sql.Identifiers;
import org.clickhousemigrations.sql.Placeholders;
import org.clickhousemigrations.sql.StatementSettings;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Compares, in ClickHouse itself, the schema that a module's migrations produce with the one it
 * declares: the migrations are replayed into one scratch database on the server, the declaration
 * executed into another, both read back by {@link SchemaReader}. The scratch databases are dropped
 * afterwards. Nothing is written to the database itself.
 */
public final class SchemaComparison {

	// The history of the replay in its scratch database, left out of the comparison.
	private static final String HISTORY = "clickhouse_migrations";

	private final MigrationDatabase database;

	private final List<ResolvedMigration> resolved;

	private final Map<String, String> placeholders;

	public SchemaComparison(MigrationDatabase database, List<ResolvedMigration> resolved, Map<String, String> placeholders) {
		this.database = database;
		this.resolved = resolved;
		this.placeholders = placeholders;
	}

	/** The changes that take the module's migrated schema to its declared one; empty when they agree. */
	public List<SchemaChange> compare(String module, List<DeclaredStatement> declaration) {
		if (declaration.isEmpty()) {
			throw new ClickHouseMigrationException("Module '" + module + "' declares no schema: put one CREATE "
					+ "statement per table, view or dictionary into <location>/" + module + "/schema/*.sql");
		}
		String scratch = "chm_scratch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		String current = scratch + "_migrated";
		String declared = scratch + "_declared";
		try (Connection connection = this.database.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			try {
				statement.execute("CREATE DATABASE " + Identifiers.quote(current));
				statement.execute("CREATE DATABASE " + Identifiers.quote(declared));
				Set<String> ofOtherModules = migrate(module, current, connection);
				declare(declaration, declared);
				Map<String, TableSchema> wanted = SchemaReader.read(connection, declared, HISTORY);
				Map<String, TableSchema> migrated = SchemaReader.read(connection, current, HISTORY);
				migrated.keySet().removeIf((name) -> ofOtherModules.contains(name) && !wanted.containsKey(name));
				List<ColumnRename> renames = declaration.stream().flatMap((each) -> each.renames().stream()).toList();
				return SchemaDiff.between(migrated, wanted, renames);
			}
			finally {
				statement.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(current));
				statement.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(declared));
			}
		}
		catch (SQLException ex) {
			throw new ClickHouseMigrationException("Cannot compare the schema of module '" + module + "' on database '"
					+ this.database.name() + "': " + ClickHouseErrors.describe(ex), ex);
		}
	}

	// The module's migrations, and those of other modules they depend on, replayed with this library
	// itself; returns the objects those of the other modules made, which the module does not declare.
	private Set<String> migrate(String module, String scratch, Connection connection) throws SQLException {
		List<ResolvedMigration> own = this.resolved.stream()
			.filter((migration) -> migration.module().equals(module))
			.toList();
		if (own.isEmpty()) {
			return Set.of();
		}
		MigrationDatabase target = new MigrationDatabase(scratch, in(scratch), true, false,
				this.database.modules(), null, this.database.placeholders());
		DefaultClickHouseMigrations replay = DefaultClickHouseMigrations.builder()
			.database(target)
			.migrations(() -> this.resolved)
			.historyTable(HISTORY, null)
			.lock(new TableMigrationLock(HISTORY + "_lock", null, Duration.ZERO, Duration.ofMinutes(1)))
			.placeholders(this.placeholders)
			.rememberSchema(false)
			.rollbackEnabled(false)
			.build();
		own.stream()
			.flatMap((migration) -> migration.dependsOn().stream())
			.filter((dependency) -> !dependency.module().equals(module))
			.forEach(replay::migrate);
		Set<String> ofOtherModules = Set.copyOf(SchemaReader.read(connection, scratch, HISTORY).keySet());
		replay.migrate(new MigrationKey(module, own.get(own.size() - 1).version()));
		return ofOtherModules;
	}

	private void declare(List<DeclaredStatement> declaration, String scratch) throws SQLException {
		Placeholders resolve = Placeholders.of(scratch, null, "", this.placeholders, this.database.placeholders(),
				Set.of());
		try (Connection connection = in(scratch).getConnection()) {
			for (DeclaredStatement declared : declaration) {
				try {
					StatementSettings.execute(connection, resolve.resolve(declared.statement().sql()), null, null,
							declared.statement().settings());
				}
				catch (SQLException | IllegalArgumentException ex) {
					throw new ClickHouseMigrationException(resolve.secrets().mask("The schema declaration "
							+ declared.file() + " does not run: " + ClickHouseErrors.describe(ex) + "\n  statement: "
							+ declared.statement().sql()), resolve.secrets().mask(ex));
				}
			}
		}
	}

	// The database's connections, with the scratch database as their own.
	private DataSource in(String scratch) {
		return new DelegatingDataSource(this.database.dataSource()) {

			@Override
			public Connection getConnection() throws SQLException {
				Connection connection = super.getConnection();
				connection.setSchema(scratch);
				return connection;
			}

			@Override
			public PrintWriter getLogWriter() {
				return null;
			}

		};
	}

}
