package org.clickhousemigrations.lock;

import java.time.Duration;
import java.util.UUID;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.EmbeddedClickHouseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The lock table in a database whose tables all have the zero UUID (on the embedded engine, chDB's
 * {@code default} database; an Ordinary database behaves the same): holders tell their tables
 * apart by their own rows.
 */
@ExtendWith(EmbeddedClickHouseExtension.class)
class TableMigrationLockIT {

	private static final Duration LEASE = Duration.ofMillis(900);

	@Test
	void holdsRenewsAndHandsOverWhereTablesHaveNoUuid(EmbeddedClickHouse clickHouse) throws Exception {
		String table = "lock_" + UUID.randomUUID().toString().substring(0, 8);
		MigrationDatabase database = MigrationDatabase.of("main",
				new DriverManagerDataSource(clickHouse.jdbcUrl("default"), clickHouse.username(), clickHouse.password()));
		TableMigrationLock lock = new TableMigrationLock(table, null, Duration.ZERO, LEASE);
		TableMigrationLock other = new TableMigrationLock(table, null, Duration.ZERO, LEASE);
		try (MigrationLock.Held held = lock.acquire(database)) {
			if (clickHouse.pid().isPresent()) {
				assertThat(clickHouse.query("SELECT uuid FROM system.tables WHERE database = 'default' AND name = '"
						+ table + "'")).isEqualTo("00000000-0000-0000-0000-000000000000\n");
			}
			// Three lease periods: renewed all along, so the holder may go on and nobody else may take it.
			for (int i = 0; i < 6; i++) {
				Thread.sleep(LEASE.toMillis() / 2);
				held.check();
				assertThatExceptionOfType(ClickHouseMigrationException.class).isThrownBy(() -> other.acquire(database))
					.withMessageContaining("Gave up waiting");
			}
			assertThat(held.tookOver()).isFalse();
		}
		try (MigrationLock.Held next = other.acquire(database)) {
			assertThat(next.tookOver()).isFalse();
			next.abandon();
		}
		// Left to expire: the next holder takes it over, and says so.
		Thread.sleep(LEASE.toMillis() + 200);
		try (MigrationLock.Held afterCrash = lock.acquire(database)) {
			assertThat(afterCrash.tookOver()).isTrue();
		}
		assertThat(clickHouse.query("EXISTS TABLE default." + table)).isEqualTo("0\n");
	}

}
