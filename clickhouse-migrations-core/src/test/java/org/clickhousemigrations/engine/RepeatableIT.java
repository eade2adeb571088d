package org.clickhousemigrations.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.MigrationInfo;
import org.clickhousemigrations.model.DatabaseStatus;
import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.EmbeddedClickHouseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A repeatable migration runs after the versioned ones, and again whenever its file changes. */
@ExtendWith(EmbeddedClickHouseExtension.class)
class RepeatableIT {

	@TempDir
	Path root;

	@Test
	void appliedAfterTheVersionedOnesAndAgainWhenItChanges(EmbeddedClickHouse clickHouse) throws IOException {
		write("app/0001_create.up.sql", "CREATE TABLE t (id UInt8) ENGINE = MergeTree ORDER BY id");
		write("app/0001_create.down.sql", "DROP TABLE t");
		write("app/R__views.sql", "CREATE OR REPLACE VIEW v AS SELECT id FROM t");
		String database = clickHouse.createDatabase("repeatable");
		ClickHouseMigrations migrations = CrashMain.migrations(clickHouse.jdbcUrl(database), "filesystem:" + this.root,
				Clock.systemUTC());
		migrations.migrate();
		assertThat(states(migrations)).containsExactly("app:0001=APPLIED", "app:R__views=APPLIED");
		assertThat(migrations.info("main").status()).isEqualTo(DatabaseStatus.UP_TO_DATE);
		assertThat(viewQuery(clickHouse, database)).isEqualTo("SELECT id FROM " + database + ".t");

		write("app/R__views.sql", "CREATE OR REPLACE VIEW v AS SELECT id, id * 2 AS twice FROM t");
		// The application starts again, with the changed file.
		migrations = CrashMain.migrations(clickHouse.jdbcUrl(database), "filesystem:" + this.root, Clock.systemUTC());
		assertThat(states(migrations)).containsExactly("app:0001=APPLIED", "app:R__views=OUTDATED");
		assertThat(migrations.info("main").status()).isEqualTo(DatabaseStatus.PENDING);
		assertThat(migrations.validate().isValid()).isTrue();
		migrations.migrate();
		assertThat(states(migrations)).containsExactly("app:0001=APPLIED", "app:R__views=APPLIED");
		assertThat(viewQuery(clickHouse, database)).isEqualTo("SELECT id, id * 2 AS twice FROM " + database + ".t");

		// Unchanged, it does not run again; a rollback leaves it alone.
		String rows = clickHouse.query("SELECT count() FROM " + database + ".clickhouse_migrations");
		migrations.migrate();
		assertThat(clickHouse.query("SELECT count() FROM " + database + ".clickhouse_migrations")).isEqualTo(rows);
		clickHouse.query("DROP VIEW " + database + ".v");
		migrations.rollback("main", "app", "0");
		assertThat(states(migrations)).containsExactly("app:0001=PENDING", "app:R__views=APPLIED");
	}

	private static List<String> states(ClickHouseMigrations migrations) {
		return migrations.info("main").migrations().stream().map((MigrationInfo info) -> info.key() + "=" + info.state())
			.toList();
	}

	private static String viewQuery(EmbeddedClickHouse clickHouse, String database) {
		return clickHouse.query("SELECT as_select FROM system.tables WHERE database = '" + database + "' AND name = 'v'")
			.strip();
	}

	private void write(String path, String text) throws IOException {
		Path file = this.root.resolve(path);
		Files.createDirectories(file.getParent());
		Files.writeString(file, text);
	}

}
