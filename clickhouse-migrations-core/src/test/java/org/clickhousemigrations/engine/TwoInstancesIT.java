package org.clickhousemigrations.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.MigrationInfo;
import org.clickhousemigrations.model.MigrationState;
import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.FaultProxy;
import org.clickhousemigrations.test.EmbeddedClickHouseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Two instances of one application on one database: a lease that cannot lie, and clocks that disagree. */
@ExtendWith(EmbeddedClickHouseExtension.class)
class TwoInstancesIT {

	@Test
	void holderThatCannotRenewStopsBeforeItsNextStatementAndTheNextHolderGoesOn(EmbeddedClickHouse clickHouse)
			throws Exception {
		String database = clickHouse.createDatabase("lease");
		try (FaultProxy proxy = new FaultProxy(clickHouse.httpUrl())) {
			// From its second statement on, the first instance's lock renewals hang, as in a partition.
			proxy.onAnswer(2, () -> proxy.holdBack("clickhouse_migrations_lock"));
			ClickHouseMigrations first = CrashMain.migrations(proxy.jdbcUrl(database), "classpath:db/lease",
					Clock.systemUTC());
			CompletableFuture<Void> firstRun = CompletableFuture.runAsync(first::migrate);
			assertThatExceptionOfType(Exception.class).isThrownBy(() -> firstRun.get(1, TimeUnit.MINUTES))
				.havingRootCause()
				.isInstanceOf(ClickHouseMigrationException.class)
				.withMessageContaining("Stopped migrating database 'main': its lease was last renewed");
			int doneByFirst = Integer.parseInt(clickHouse.query("SELECT max(statements_done) FROM " + database
					+ ".clickhouse_migrations").trim());
			assertThat(doneByFirst).isBetween(2, 16);

			long started = System.nanoTime();
			ClickHouseMigrations second = CrashMain.migrations(clickHouse.jdbcUrl(database), "classpath:db/lease",
					Clock.systemUTC());
			second.migrate();
			proxy.heal();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited for the first one's lease")
				.isGreaterThan(CrashMain.LEASE.dividedBy(4));
			assertThat(second.info("main").migrations()).map(MigrationInfo::state).containsExactly(MigrationState.APPLIED);
		}
		assertThat(clickHouse.query("SELECT n FROM " + database + ".l ORDER BY n")).isEqualTo("1\n2\n3\n4\n5\n6\n7\n8\n");
		// One coherent sequence: the first row of the application, then every statement recorded once, in
		// order, by one instance or the other.
		assertThat(clickHouse.query("SELECT arrayStringConcat(groupArray(toString(statements_done)), ',') FROM (SELECT "
				+ "statements_done FROM " + database + ".clickhouse_migrations ORDER BY sequence)"))
			.isEqualTo("0,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17\n");
	}

	@Test
	void rowsOfInstancesWhoseClocksAreAnHourApartKeepTheirOrder(EmbeddedClickHouse clickHouse) {
		String database = clickHouse.createDatabase("clocks");
		Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
		ClickHouseMigrations early = CrashMain.migrations(clickHouse.jdbcUrl(database), "classpath:db/clock", ahead);
		assertThatExceptionOfType(ClickHouseMigrationException.class).isThrownBy(early::migrate)
			.withMessageContaining("at statement 3 of 4");
		clickHouse.query("CREATE TABLE " + database + ".later (n UInt32) ENGINE = MergeTree ORDER BY n");
		// The second instance's rows are an hour older by their clocks, yet they come after.
		ClickHouseMigrations late = CrashMain.migrations(clickHouse.jdbcUrl(database), "classpath:db/clock",
				Clock.systemUTC());
		late.migrate();
		assertThat(late.info("main").migrations()).map(MigrationInfo::state).containsExactly(MigrationState.APPLIED);
		assertThat(early.info("main").migrations()).map(MigrationInfo::state).containsExactly(MigrationState.APPLIED);
		assertThat(clickHouse.query("SELECT n FROM " + database + ".c ORDER BY n")).isEqualTo("1\n3\n");
		assertThat(clickHouse.query("SELECT event FROM " + database + ".clickhouse_migrations ORDER BY event_time"))
			.as("by the clocks alone, the failure would look like the latest row")
			.isEqualTo("PROGRESS\nAPPLIED\nPROGRESS\nPROGRESS\nFAILED\n");
	}

}
