package org.clickhousemigrations.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.engine.DefaultClickHouseMigrations;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.resolve.JavaMigrationFactory;
import org.clickhousemigrations.resolve.MigrationResolver;
import org.flywaydb.core.Flyway;

import org.springframework.util.function.SingletonSupplier;

/** What migrates the generated folder: this library, Flyway, or the statements over plain JDBC. */
enum Contender {

	PLAIN_JDBC {

		@Override
		void migrate(DataSource dataSource, Path migrations, List<String> statements) throws Exception {
			try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
				for (String sql : statements) {
					statement.execute(sql);
				}
			}
		}

	},

	CLICKHOUSE_MIGRATIONS {

		@Override
		void migrate(DataSource dataSource, Path migrations, List<String> statements) {
			migrations(dataSource, migrations).migrate();
		}

	},

	FLYWAY {

		@Override
		void migrate(DataSource dataSource, Path migrations, List<String> statements) {
			Flyway.configure().dataSource(dataSource).locations("filesystem:" + migrations).load().migrate();
		}

	};

	abstract void migrate(DataSource dataSource, Path migrations, List<String> statements) throws Exception;

	/** This library as an application would have it, without Spring Boot around it. */
	static ClickHouseMigrations migrations(DataSource dataSource, Path migrations) {
		MigrationResolver resolver = new MigrationResolver(List.of("filesystem:" + migrations),
				Contender.class.getClassLoader(), JavaMigrationFactory.REFLECTION);
		return migrations(dataSource, SingletonSupplier.of(resolver::resolve));
	}

	/** This library over the given migrations. */
	static ClickHouseMigrations migrations(DataSource dataSource, Supplier<List<ResolvedMigration>> resolved) {
		return migrations(List.of(MigrationDatabase.of("bench", dataSource)), resolved, 1);
	}

	/** This library over the given migrations and databases, {@code parallelism} databases at once. */
	static ClickHouseMigrations migrations(List<MigrationDatabase> databases, Supplier<List<ResolvedMigration>> resolved,
			int parallelism) {
		return DefaultClickHouseMigrations.builder()
			.databases(databases)
			.migrations(resolved)
			.lockTimes(Duration.ofMinutes(1), Duration.ofSeconds(30))
			.rollbackEnabled(false)
			.parallelism(parallelism)
			.build();
	}

}
