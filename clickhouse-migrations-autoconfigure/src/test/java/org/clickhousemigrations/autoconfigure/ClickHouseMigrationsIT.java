package org.clickhousemigrations.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.ClickHouseMigrationRouter;
import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.DatabaseReport;
import org.clickhousemigrations.history.ClickHouseMigrationHistory;
import org.clickhousemigrations.history.MigrationHistory;
import org.clickhousemigrations.model.AppliedMigration;
import org.clickhousemigrations.model.DatabaseStatus;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.model.MigrationState;
import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.EmbeddedClickHouseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(EmbeddedClickHouseExtension.class)
class ClickHouseMigrationsIT {

	private static final String SHOP = "clickhouse.migrations.locations=classpath:db/it/shop";

	private static final String TTL = "clickhouse.migrations.placeholders.events_ttl_days=30";

	@Test
	void migratesTwoDatabasesWithTwoModulesJavaAndSqlOnReady(EmbeddedClickHouse clickHouse) {
		String primary = clickHouse.createDatabase("primary");
		String second = clickHouse.createDatabase("second");
		List<String> properties = new ArrayList<>(List.of(SHOP, TTL, "shop.backfill-user=7"));
		properties.addAll(MigrationApps.database(clickHouse, "main", primary));
		properties.addAll(MigrationApps.database(clickHouse, "billing-only", second));
		properties.add("clickhouse.migrations.databases.billing-only.modules=billing");
		try (ConfigurableApplicationContext context = MigrationApps.run(clickHouse, primary, null,
				properties.toArray(String[]::new))) {
			ClickHouseMigrations migrations = context.getBean(ClickHouseMigrations.class);
			DatabaseReport main = migrations.info("main");
			assertThat(main.status()).isEqualTo(DatabaseStatus.UP_TO_DATE);
			// billing:0001 runs before events:0002, which depends on it.
			assertThat(main.migrations()).map((info) -> info.key().toString())
				.containsExactly("billing:0001", "billing:0002", "events:0001", "events:0002");
			assertThat(main.migrations()).allMatch((info) -> info.state() == MigrationState.APPLIED);
			assertThat(clickHouse.query("SELECT user_id, kind FROM " + primary + ".events ORDER BY id"))
				.isEqualTo("7\tevents\n7\tevents\n");
			assertThat(clickHouse.query("SELECT total FROM " + primary + ".invoice_totals").trim()).isEqualTo("29.99");
			assertThat(clickHouse.query("SHOW CREATE TABLE " + primary + ".events")).contains("toIntervalDay(30)");

			DatabaseReport billingOnly = migrations.info("billing-only");
			assertThat(billingOnly.modules()).containsOnlyKeys("billing");
			assertThat(clickHouse.query("SELECT count() FROM " + second + ".invoices").trim()).isEqualTo("2");
			assertThat(clickHouse.query("EXISTS TABLE " + second + ".events").trim()).isEqualTo("0");
		}
	}

	@Test
	void perDatabasePlaceholdersWinOverGlobalOnes(EmbeddedClickHouse clickHouse) {
		String database = clickHouse.createDatabase("placeholders");
		List<String> properties = new ArrayList<>(List.of(SHOP, TTL));
		properties.addAll(MigrationApps.database(clickHouse, "main", database));
		properties.add("clickhouse.migrations.databases.main.placeholders.events_ttl_days=7");
		MigrationApps.run(clickHouse, database, null, properties.toArray(String[]::new)).close();
		assertThat(clickHouse.query("SHOW CREATE TABLE " + database + ".events")).contains("toIntervalDay(7)");
	}

	@Test
	void dependencyOnAModuleTheDatabaseLeavesOutIsAnErrorBeforeAnythingRuns(EmbeddedClickHouse clickHouse) {
		String database = clickHouse.createDatabase("events_only");
		List<String> properties = new ArrayList<>(List.of(SHOP, TTL));
		properties.addAll(MigrationApps.database(clickHouse, "events-only", database));
		properties.add("clickhouse.migrations.databases.events-only.modules=events");
		assertThatThrownBy(() -> MigrationApps.run(clickHouse, database, null, properties.toArray(String[]::new)))
			.hasMessageContaining("events:0002 (db.it.shop.events.V0002__AddUserId) depends on billing:0001, but module "
					+ "'billing' is not in the modules of this database");
		assertThat(clickHouse.query("SELECT count() FROM system.tables WHERE database = '" + database + "'").trim())
			.isEqualTo("0");
	}

	@Test
	void secondBootAppliesNothing(EmbeddedClickHouse clickHouse) {
		String database = clickHouse.createDatabase("twice");
		MigrationApps.run(clickHouse, database, null, SHOP, TTL).close();
		String history = clickHouse.query("SELECT event, module, version FROM " + database
				+ ".clickhouse_migrations ORDER BY event_time");
		MigrationApps.run(clickHouse, database, null, SHOP, TTL).close();
		assertThat(clickHouse.query("SELECT event, module, version FROM " + database
				+ ".clickhouse_migrations ORDER BY event_time")).isEqualTo(history);
		assertThat(clickHouse.query("SELECT count() FROM " + database + ".invoices").trim()).isEqualTo("2");
	}

	@Test
	void migrateFalseAndReadonlyDatabasesAreNotTouched(EmbeddedClickHouse clickHouse) {
		String primary = clickHouse.createDatabase("primary");
		String disabled = clickHouse.createDatabase("disabled");
		String readonly = clickHouse.createDatabase("readonly");
		List<String> properties = new ArrayList<>(List.of(SHOP, TTL));
		properties.addAll(MigrationApps.database(clickHouse, "main", primary));
		properties.addAll(MigrationApps.database(clickHouse, "reporting", disabled));
		properties.add("clickhouse.migrations.databases.reporting.migrate=false");
		properties.addAll(MigrationApps.database(clickHouse, "archive", readonly));
		properties.add("clickhouse.migrations.databases.archive.readonly=true");
		try (ConfigurableApplicationContext context = MigrationApps.run(clickHouse, primary, null,
				properties.toArray(String[]::new))) {
			ClickHouseMigrations migrations = context.getBean(ClickHouseMigrations.class);
			assertThat(migrations.info("main").status()).isEqualTo(DatabaseStatus.UP_TO_DATE);
			assertThat(migrations.info("reporting").status()).isEqualTo(DatabaseStatus.DISABLED);
			DatabaseReport archive = migrations.info("archive");
			assertThat(archive.status()).isEqualTo(DatabaseStatus.PENDING);
			assertThat(archive.count(MigrationState.PENDING)).isEqualTo(4);
		}
		// Not a single table: not even the history.
		assertThat(clickHouse.query("SELECT count() FROM system.tables WHERE database IN ('" + disabled + "', '"
				+ readonly + "')").trim()).isEqualTo("0");
	}

	@Test
	void historyTableNameIsConfigurable(EmbeddedClickHouse clickHouse) {
		String database = clickHouse.createDatabase("custom");
		String historyDatabase = clickHouse.createDatabase("ops");
		MigrationApps.run(clickHouse, database, null, SHOP, TTL, "clickhouse.migrations.history.table=schema_log",
				"clickhouse.migrations.history.database=" + historyDatabase).close();
		assertThat(clickHouse.query("SELECT count() FROM " + historyDatabase + ".schema_log WHERE event = 'APPLIED'")
			.trim()).isEqualTo("4");
		assertThat(clickHouse.query("EXISTS TABLE " + database + ".clickhouse_migrations").trim()).isEqualTo("0");
		assertThat(clickHouse.query("EXISTS TABLE " + historyDatabase + ".schema_log_lock").trim()).isEqualTo("0");
	}

	@Test
	void userHistoryBeanReplacesTheDefault(EmbeddedClickHouse clickHouse) {
		String database = clickHouse.createDatabase("bean");
		try (ConfigurableApplicationContext context = MigrationApps.run(clickHouse, database, RecordingHistory.class,
				SHOP, TTL)) {
			RecordingHistory history = context.getBean(RecordingHistory.class);
			assertThat(context.getBeansOfType(MigrationHistory.class)).hasSize(1);
			assertThat(history.appended).filteredOn((row) -> row.event().name().equals("APPLIED")).hasSize(4);
		}
		assertThat(clickHouse.query("EXISTS TABLE " + database + ".recorded_history").trim()).isEqualTo("1");
	}

	@Test
	void routerExcludesMigrationsFromADatabase(EmbeddedClickHouse clickHouse) {
		String database = clickHouse.createDatabase("routed");
		try (ConfigurableApplicationContext context = MigrationApps.run(clickHouse, database, NoBillingViews.class,
				SHOP, TTL)) {
			DatabaseReport report = context.getBean(ClickHouseMigrations.class).info("default");
			assertThat(report.migrations()).filteredOn((info) -> info.state() == MigrationState.EXCLUDED)
				.map((info) -> info.key().toString())
				.containsExactly("billing:0002");
			assertThat(report.status()).isEqualTo(DatabaseStatus.UP_TO_DATE);
		}
		assertThat(clickHouse.query("EXISTS TABLE " + database + ".invoice_totals").trim()).isEqualTo("0");
	}

	@Test
	void failingStatementStopsStartUpAndResumesThereOnceFixed(EmbeddedClickHouse clickHouse) {
		String database = clickHouse.createDatabase("failing");
		assertThatThrownBy(() -> MigrationApps.run(clickHouse, database, null,
				"clickhouse.migrations.locations=classpath:db/it/failing",
				"clickhouse.migrations.placeholders.target=missing"))
			.isInstanceOf(ClickHouseMigrationException.class)
			.hasMessageContaining("default:1 'Three steps' (V1__three_steps.sql)")
			.hasMessageContaining("at statement 2 of 3")
			.hasMessageContaining("ClickHouse error 60")
			.hasMessageContaining("INSERT INTO missing VALUES (1)");
		assertThat(clickHouse.query("SELECT event, statements_done, statements_total FROM " + database
				+ ".clickhouse_migrations ORDER BY event_time")).isEqualTo("PROGRESS\t0\t3\nPROGRESS\t1\t3\nFAILED\t1\t3\n");
		assertThat(clickHouse.query("EXISTS TABLE " + database + ".third").trim()).isEqualTo("0");

		// Fixed: statement 1 (a CREATE TABLE that cannot run twice) is not run again.
		try (ConfigurableApplicationContext context = MigrationApps.run(clickHouse, database, null,
				"clickhouse.migrations.locations=classpath:db/it/failing",
				"clickhouse.migrations.placeholders.target=first")) {
			assertThat(context.getBean(ClickHouseMigrations.class).info("default").status())
				.isEqualTo(DatabaseStatus.UP_TO_DATE);
		}
		assertThat(clickHouse.query("SELECT count() FROM " + database + ".first").trim()).isEqualTo("1");
		assertThat(clickHouse.query("EXISTS TABLE " + database + ".third").trim()).isEqualTo("1");
	}

	@Test
	void failOnErrorFalseLetsTheApplicationStart(EmbeddedClickHouse clickHouse) {
		String database = clickHouse.createDatabase("lenient");
		try (ConfigurableApplicationContext context = MigrationApps.run(clickHouse, database, null,
				"clickhouse.migrations.locations=classpath:db/it/failing",
				"clickhouse.migrations.placeholders.target=missing", "clickhouse.migrations.fail-on-error=false")) {
			assertThat(context.getBean(ClickHouseMigrations.class).info("default").status())
				.isEqualTo(DatabaseStatus.FAILED);
		}
	}

	@Test
	void unknownPlaceholderFailsBeforeAnythingRuns(EmbeddedClickHouse clickHouse) {
		String database = clickHouse.createDatabase("placeholder");
		assertThatThrownBy(() -> MigrationApps.run(clickHouse, database, null, SHOP))
			.hasMessageContaining("events/V0001__create_events.sql, statement 1")
			.hasMessageContaining("unknown placeholder ${events_ttl_days}");
		assertThat(clickHouse.query("SELECT count() FROM " + database + ".clickhouse_migrations").trim()).isEqualTo("0");
		assertThat(clickHouse.query("EXISTS TABLE " + database + ".invoices").trim()).isEqualTo("0");
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingHistory extends ClickHouseMigrationHistory {

		final List<AppliedMigration> appended = new CopyOnWriteArrayList<>();

		RecordingHistory() {
			super("recorded_history", null, null);
		}

		@Override
		public void append(MigrationDatabase database, List<AppliedMigration> rows) {
			this.appended.addAll(rows);
			super.append(database, rows);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NoBillingViews {

		@Bean
		ClickHouseMigrationRouter noViews() {
			return (database, module, migration) -> !migration.description().contains("totals");
		}

	}

}
