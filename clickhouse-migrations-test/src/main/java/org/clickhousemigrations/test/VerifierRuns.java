package org.clickhousemigrations.test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.LintSettings;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.engine.DefaultClickHouseMigrations;
import org.clickhousemigrations.execute.Retry;
import org.clickhousemigrations.lock.MigrationLock;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.resolve.JavaMigrationFactory;
import org.clickhousemigrations.resolve.SqlScript;
import org.clickhousemigrations.sql.StatementTarget;

/**
 * How {@link MigrationsVerifier} builds the engine and applies the migrations to one database: as
 * one migrate, or, with seed data, one migration at a time, each seed statement run as soon as the
 * table it fills exists.
 */
final class VerifierRuns {

	// Short, so that a run whose ClickHouse went away (a simulated crash) gives up at once.
	private static final Retry RETRY = new Retry(2, Duration.ofMillis(300));

	private final List<String> locations;

	private final ClassLoader classLoader;

	private final JavaMigrationFactory javaMigrations;

	private final Map<String, String> placeholders;

	private final LintSettings lint;

	private final List<SqlScript.Statement> seed;

	VerifierRuns(List<String> locations, ClassLoader classLoader, JavaMigrationFactory javaMigrations,
			Map<String, String> placeholders, LintSettings lint, String seed) {
		this.locations = List.copyOf(locations);
		this.classLoader = classLoader;
		this.javaMigrations = javaMigrations;
		this.placeholders = Map.copyOf(placeholders);
		this.lint = lint;
		this.seed = (seed != null) ? SqlScript.parse(seed).forward() : List.of();
	}

	boolean seeded() {
		return !this.seed.isEmpty();
	}

	/** The engine on {@code dataSource}. */
	ClickHouseMigrations engine(DataSource dataSource) {
		return engine(dataSource, false);
	}

	/**
	 * @param afterCrash whether the run before was stopped as a killed process stops: this one then
	 * takes the lock over as from a holder whose lease expired, without waiting for the lease
	 */
	ClickHouseMigrations engine(DataSource dataSource, boolean afterCrash) {
		return DefaultClickHouseMigrations.builder()
			.database("main", dataSource)
			.locations(this.locations)
			.classLoader(this.classLoader)
			.javaMigrationFactory(this.javaMigrations)
			.placeholders(this.placeholders)
			.lint(this.lint)
			.rememberSchema(false)
			.retry(RETRY)
			.lock(new TakenOver(afterCrash))
			.build();
	}

	/**
	 * Applies every migration through {@code through}; seed statements go straight to
	 * {@code direct} (a fault meant for migrations must not hit them), each once per {@code seeded} set.
	 */
	void apply(DataSource through, DataSource direct, String database, Set<Integer> seeded, boolean afterCrash) {
		ClickHouseMigrations engine = engine(through, afterCrash);
		if (this.seed.isEmpty()) {
			engine.migrate();
			return;
		}
		for (ResolvedMigration migration : engine.resolved()) {
			seed(direct, database, seeded);
			engine.migrate(migration.key());
		}
		seed(direct, database, seeded);
	}

	static Set<Integer> newSeeded() {
		return ConcurrentHashMap.newKeySet();
	}

	// Each seed statement whose table exists now and that has not run.
	private void seed(DataSource direct, String database, Set<Integer> seeded) {
		try (Connection connection = direct.getConnection(); Statement statement = connection.createStatement()) {
			for (int i = 0; i < this.seed.size(); i++) {
				if (seeded.contains(i)) {
					continue;
				}
				String sql = this.seed.get(i).sql();
				String table = StatementTarget.of(sql).map(StatementTarget::table).orElse(null);
				if (table != null && !exists(connection, database, table)) {
					continue;
				}
				statement.execute(sql);
				seeded.add(i);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("a seed statement failed: " + ex.getMessage(), ex);
		}
	}

	private static boolean exists(Connection connection, String database, String table) throws SQLException {
		try (var statement = connection.prepareStatement(
				"SELECT count() FROM system.tables WHERE database = ? AND name = ?")) {
			statement.setString(1, database);
			statement.setString(2, table);
			try (var result = statement.executeQuery()) {
				return result.next() && result.getLong(1) > 0;
			}
		}
	}

	/**
	 * Each run has its database to itself, so the lock only has to say whether the run before it
	 * died: the engine then asks ClickHouse about the statement that run may have left in flight.
	 */
	private record TakenOver(boolean afterCrash) implements MigrationLock {

		@Override
		public Held acquire(MigrationDatabase database) {
			return new Held() {

				@Override
				public void check() {
				}

				@Override
				public boolean tookOver() {
					return TakenOver.this.afterCrash;
				}

				@Override
				public void close() {
				}

			};
		}

	}

	/** The migrations, in the order they run. */
	List<ResolvedMigration> migrations(DataSource dataSource) {
		return new ArrayList<>(engine(dataSource).resolved());
	}

}
