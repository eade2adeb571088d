package org.clickhousemigrations.autoconfigure.safety;

import java.net.ServerSocket;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.autoconfigure.MigrationApps;
import org.clickhousemigrations.model.DatabaseStatus;
import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.EmbeddedClickHouseExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Bad input gets a clear error that names the file, statement or setting, and nothing is written. */
@ExtendWith(EmbeddedClickHouseExtension.class)
class BadInputIT {

	private static EmbeddedClickHouse secured;

	@BeforeAll
	static void startServerWithUsers() {
		if (System.getenv("CLICKHOUSE_URL") == null && System.getProperty("CLICKHOUSE_URL") == null) {
			secured = EmbeddedClickHouse.builder().user("app", "s3cret", false).user("reader", "r3ad", true).start();
		}
	}

	@AfterAll
	static void stop() {
		if (secured != null) {
			secured.close();
		}
	}

	@Test
	void malformedSqlFileNamesTheFileAndLine(EmbeddedClickHouse clickHouse) {
		String database = clickHouse.createDatabase("malformed");
		assertThatThrownBy(() -> MigrationApps.run(clickHouse, database, false,
				"clickhouse.migrations.locations=classpath:db/it/malformed"))
			.isInstanceOf(ClickHouseMigrationException.class)
			.hasMessageContaining("V2__broken.sql: the string (') opened on line 2 is never closed");
		assertNothingWritten(clickHouse, database);
	}

	@Test
	void duplicateVersionsAndBadNamesAreAllReported(EmbeddedClickHouse clickHouse) {
		String database = clickHouse.createDatabase("duplicate");
		assertThatThrownBy(() -> MigrationApps.run(clickHouse, database, false,
				"clickhouse.migrations.locations=classpath:db/it/duplicate"))
			.hasMessageContaining("Version events:1 is used twice")
			.hasMessageContaining("events/V1.0__second.sql")
			.hasMessageContaining("events/V1__first.sql")
			.hasMessageContaining("V1_name_without_separator.sql: not a migration name: use V<version>__<description>");
		assertNothingWritten(clickHouse, database);
	}

	@Test
	void unreachableServerIsNamedAndFailsStartUp(EmbeddedClickHouse clickHouse) throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		assertThatThrownBy(() -> MigrationApps.run(clickHouse, "default", false,
				"clickhouse.migrations.locations=classpath:db/it/states",
				"clickhouse.migrations.databases.main.url=jdbc:clickhouse://127.0.0.1:" + closedPort + "/x"))
			.isInstanceOf(ClickHouseMigrationException.class)
			.hasMessageContaining("Cannot read the migration history")
			.hasMessageContaining("of database 'main'");
	}

	@Test
	void wrongCredentialsAreAClearErrorAndWriteNothing() {
		assumeTrue(secured != null, "needs a server started with users");
		String database = secured.createDatabase("credentials");
		assertThatThrownBy(() -> MigrationApps.run(secured, database, false,
				"clickhouse.migrations.locations=classpath:db/it/states",
				"clickhouse.migrations.databases.main.url=" + secured.jdbcUrl(database),
				"clickhouse.migrations.databases.main.username=app",
				"clickhouse.migrations.databases.main.password=wrong"))
			.isInstanceOf(ClickHouseMigrationException.class)
			.hasMessageContaining("of database 'main'")
			.hasMessageContaining("ClickHouse error 516")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("wrong"));
		assertNothingWritten(secured, database);
	}

	@Test
	void readonlyDatabaseWithAReadOnlyUserIsReadAndNeverWritten() {
		assumeTrue(secured != null, "needs a server started with users");
		String database = secured.createDatabase("reader");
		try (ConfigurableApplicationContext context = MigrationApps.run(secured, database, false,
				"clickhouse.migrations.locations=classpath:db/it/states",
				"clickhouse.migrations.databases.archive.url=" + secured.jdbcUrl(database),
				"clickhouse.migrations.databases.archive.username=reader",
				"clickhouse.migrations.databases.archive.password=r3ad",
				"clickhouse.migrations.databases.archive.readonly=true")) {
			ClickHouseMigrations migrations = context.getBean(ClickHouseMigrations.class);
			assertThat(migrations.info("archive").status()).isEqualTo(DatabaseStatus.PENDING);
			assertThat(migrations.validate().isValid()).isTrue();
		}
		assertNothingWritten(secured, database);
	}

	@Test
	void writableDatabaseWithAReadOnlyUserSaysWhatToCheck() {
		assumeTrue(secured != null, "needs a server started with users");
		String database = secured.createDatabase("misconfigured");
		assertThatThrownBy(() -> MigrationApps.run(secured, database, false,
				"clickhouse.migrations.locations=classpath:db/it/states",
				"clickhouse.migrations.databases.main.url=" + secured.jdbcUrl(database),
				"clickhouse.migrations.databases.main.username=reader",
				"clickhouse.migrations.databases.main.password=r3ad"))
			.isInstanceOf(ClickHouseMigrationException.class)
			.hasMessageContaining("Cannot create the migration history")
			.hasMessageContaining("ClickHouse error 164")
			.hasMessageContaining("Check that the user may create tables there");
		assertNothingWritten(secured, database);
	}

	private static void assertNothingWritten(EmbeddedClickHouse clickHouse, String database) {
		assertThat(clickHouse.query("SELECT count() FROM system.tables WHERE database = '" + database + "'").trim())
			.isEqualTo("0");
	}

}
