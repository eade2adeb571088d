package org.clickhousemigrations.lock;

import java.time.Duration;

import org.apache.curator.test.TestingServer;
import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Two ClickHouse servers that share one ZooKeeper, as the nodes of a cluster do. */
class KeeperMapMigrationLockIT {

	private static TestingServer zooKeeper;

	private static EmbeddedClickHouse first;

	private static EmbeddedClickHouse second;

	@BeforeAll
	static void start() throws Exception {
		assumeTrue(System.getenv("CLICKHOUSE_URL") == null && System.getProperty("CLICKHOUSE_URL") == null,
				"needs servers configured with a Keeper");
		zooKeeper = new TestingServer(true);
		String keeper = "<zookeeper><node><host>127.0.0.1</host><port>" + zooKeeper.getPort()
				+ "</port></node></zookeeper><keeper_map_path_prefix>/keeper_map_tables</keeper_map_path_prefix>";
		first = EmbeddedClickHouse.builder().config(keeper).start();
		second = EmbeddedClickHouse.builder().config(keeper).start();
		for (EmbeddedClickHouse server : new EmbeddedClickHouse[] { first, second }) {
			server.query("CREATE DATABASE IF NOT EXISTS app");
		}
	}

	@AfterAll
	static void stop() throws Exception {
		if (first != null) {
			first.close();
			second.close();
			zooKeeper.close();
		}
	}

	@Test
	void aLockTakenThroughOneServerIsHeldOnTheOther() {
		KeeperMapMigrationLock lock = lock("/held", Duration.ofMillis(700));
		try (MigrationLock.Held held = lock.acquire(database(first))) {
			held.check();
			assertThatThrownBy(() -> lock.acquire(database(second)))
				.isInstanceOf(ClickHouseMigrationException.class)
				.hasMessageContaining("Gave up waiting 0 s for the migration lock of database 'app', held by ")
				.hasMessageContaining("/pid " + ProcessHandle.current().pid());
		}
		try (MigrationLock.Held held = lock.acquire(database(second))) {
			held.check();
		}
	}

	@Test
	void anExpiredLeaseIsTakenOver() {
		KeeperMapMigrationLock lock = lock("/expired", Duration.ofSeconds(5));
		// A holder that crashed: its row stays in Keeper with a lease in the past.
		lock.acquire(database(first));
		first.query("INSERT INTO app.locks_expired (name, holder, expires) SETTINGS keeper_map_strict_mode = 0 "
				+ "VALUES ('app', 'crashed-host/pid 1/dead', now64(3) - 1)");
		try (MigrationLock.Held held = lock.acquire(database(second))) {
			held.check();
			assertThat(first.query("SELECT holder FROM app.locks_expired")).doesNotContain("crashed-host");
		}
	}

	private static KeeperMapMigrationLock lock(String path, Duration wait) {
		return new KeeperMapMigrationLock("locks" + path.replace('/', '_'), path, wait, Duration.ofSeconds(30));
	}

	private static MigrationDatabase database(EmbeddedClickHouse server) {
		return MigrationDatabase.of("app", new DriverManagerDataSource(server.jdbcUrl("app"), "default", ""));
	}

}
