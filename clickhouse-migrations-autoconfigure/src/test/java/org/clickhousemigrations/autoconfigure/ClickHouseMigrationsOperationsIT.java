package org.clickhousemigrations.autoconfigure;

import java.time.Instant;
import java.util.List;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.DatabaseReport;
import org.clickhousemigrations.DryRunReport;
import org.clickhousemigrations.ValidationReport;
import org.clickhousemigrations.history.ClickHouseMigrationHistory;
import org.clickhousemigrations.model.AppliedMigration;
import org.clickhousemigrations.model.DatabaseStatus;
import org.clickhousemigrations.model.HistoryEvent;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.model.MigrationKey;
import org.clickhousemigrations.model.MigrationState;
import org.clickhousemigrations.model.MigrationType;
import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.EmbeddedClickHouseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(EmbeddedClickHouseExtension.class)
class ClickHouseMigrationsOperationsIT {

	private static final String[] SHOP = { "clickhouse.migrations.locations=classpath:db/it/shop",
			"clickhouse.migrations.placeholders.events_ttl_days=30", "shop.backfill-user=7" };

	@Test
	void rollsBackAcrossJavaAndSqlMigrationsNewestFirst(EmbeddedClickHouse clickHouse) {
		String database = clickHouse.createDatabase("rollback");
		try (ConfigurableApplicationContext context = MigrationApps.run(clickHouse, database, null, SHOP)) {
			ClickHouseMigrations migrations = context.getBean(ClickHouseMigrations.class);
			// billing:0001 cannot go while events:0002, which depends on it, is applied.
			assertThatThrownBy(() -> migrations.rollback("default", "billing", "0"))
				.hasMessageContaining("events:0002 is applied and depends on billing:0001; roll events back first")
				.hasMessageContaining("nothing was changed");
			// events:0001 has no rollback section: refused before anything runs.
			assertThatThrownBy(() -> migrations.rollback("default", "events", "0"))
				.hasMessageContaining("events:0001 cannot be undone: events/V0001__create_events.sql has no "
						+ "'-- rollback' section");
			assertThat(clickHouse.query("SELECT count() FROM " + database + ".events").trim()).isEqualTo("2");

			migrations.rollback("default", "events", "0001");
			assertThat(clickHouse.query("SELECT count() FROM " + database + ".events").trim()).isEqualTo("0");
			assertThat(clickHouse.query("SELECT count() FROM system.columns WHERE database = '" + database
					+ "' AND table = 'events' AND name = 'user_id'").trim()).isEqualTo("0");
			migrations.rollback("default", "billing", "0");
			assertThat(clickHouse.query("EXISTS TABLE " + database + ".invoices").trim()).isEqualTo("0");
			assertThat(clickHouse.query("EXISTS TABLE " + database + ".invoice_totals").trim()).isEqualTo("0");
			DatabaseReport report = migrations.info("default");
			assertThat(report.migrations()).map((info) -> info.key() + "=" + info.state())
				.containsExactly("billing:0001=PENDING", "billing:0002=PENDING", "events:0001=APPLIED",
						"events:0002=PENDING");

			migrations.migrate();
			assertThat(migrations.info("default").status()).isEqualTo(DatabaseStatus.UP_TO_DATE);
			assertThat(clickHouse.query("SELECT count() FROM " + database + ".events WHERE user_id = 7").trim())
				.isEqualTo("2");
		}
	}

	@Test
	void failedRollbackBlocksMigrateAndResumesWhereItStopped(EmbeddedClickHouse clickHouse) {
		String database = clickHouse.createDatabase("rollback_fail");
		MigrationApps.run(clickHouse, database, null, "clickhouse.migrations.locations=classpath:db/it/rollbackfail",
				"clickhouse.migrations.placeholders.drop_target=missing").close();
		try (ConfigurableApplicationContext context = MigrationApps.run(clickHouse, database, null,
				"clickhouse.migrations.locations=classpath:db/it/rollbackfail",
				"clickhouse.migrations.placeholders.drop_target=missing")) {
			ClickHouseMigrations migrations = context.getBean(ClickHouseMigrations.class);
			assertThatThrownBy(() -> migrations.rollback("default", "default", "0"))
				.hasMessageContaining("Rollback of default:1 'Two tables' (V1__two_tables.sql) failed on database "
						+ "'default' at statement 2 of 2")
				.hasMessageContaining("run the rollback again: it resumes at rollback statement 2");
			assertThat(clickHouse.query("SELECT event, statements_done FROM " + database
					+ ".clickhouse_migrations ORDER BY event_time")).endsWith("ROLLBACK_PROGRESS\t1\nROLLBACK_FAILED\t1\n");
			// Half rolled back: running the migration forward now would be wrong.
			assertThatThrownBy(migrations::migrate).hasMessageContaining("stopped while being rolled back, after "
					+ "rollback statement 1: run the rollback again");
			assertThat(migrations.validate().problems()).singleElement()
				.satisfies((problem) -> assertThat(problem.fix()).startsWith("run the rollback again"));
		}
		try (ConfigurableApplicationContext context = MigrationApps.run(clickHouse, database, null,
				"clickhouse.migrations.locations=classpath:db/it/rollbackfail", "clickhouse.migrations.command=status",
				"clickhouse.migrations.placeholders.drop_target=r1")) {
			ClickHouseMigrations migrations = context.getBean(ClickHouseMigrations.class);
			// Resumes at rollback statement 2: DROP TABLE r2 (gone already) does not run again.
			migrations.rollback("default", "default", "0");
			assertThat(migrations.info("default").migrations().get(0).state()).isEqualTo(MigrationState.PENDING);
			assertThat(clickHouse.query("EXISTS TABLE " + database + ".r1").trim()).isEqualTo("0");
			migrations.migrate();
			assertThat(clickHouse.query("EXISTS TABLE " + database + ".r2").trim()).isEqualTo("1");
		}
	}

	@Test
	void rollbackCanBeSwitchedOff(EmbeddedClickHouse clickHouse) {
		String database = clickHouse.createDatabase("no_rollback");
		try (ConfigurableApplicationContext context = MigrationApps.run(clickHouse, database, null,
				"clickhouse.migrations.locations=classpath:db/it/states", "clickhouse.migrations.rollback-enabled=false")) {
			assertThatThrownBy(() -> context.getBean(ClickHouseMigrations.class).rollback("default", "default", "0"))
				.hasMessageContaining("clickhouse.migrations.rollback-enabled=false");
		}
	}

	@Test
	void dryRunShowsTheExactSqlAndWritesNothing() {
		try (EmbeddedClickHouse clickHouse = EmbeddedClickHouse.start()) {
			String database = clickHouse.createDatabase("dry");
			try (ConfigurableApplicationContext context = MigrationApps.run(clickHouse, database, null,
					"clickhouse.migrations.locations=classpath:db/it/shop",
					"clickhouse.migrations.placeholders.events_ttl_days=30", "clickhouse.migrations.command=status",
					"clickhouse.migrations.databases.main.data-source=dataSource")) {
				ClickHouseMigrations migrations = context.getBean(ClickHouseMigrations.class);
				clickHouse.query("SYSTEM FLUSH LOGS");
				Instant before = Instant.now();
				DryRunReport report = migrations.dryRun();
				List<String> script = report.databases().get("main");
				assertThat(script.get(0)).startsWith("CREATE TABLE IF NOT EXISTS `clickhouse_migrations`");
				assertThat(script).containsSubsequence("-- if it fails after writing rows, the run stops (PARTIAL) "
						+ "instead of writing them twice", "INSERT INTO invoices (id, amount) VALUES (1, 9.99), (2, 20.00)")
					.anyMatch((sql) -> sql.contains("TTL at + INTERVAL 30 DAY"))
					.contains("-- java: backfill events from invoices (Java step: runs code, cannot be shown as SQL)")
					.anyMatch((sql) -> sql.startsWith("INSERT INTO `clickhouse_migrations`") && sql.contains("'APPLIED'"));
				// A dry run of migrate up to billing:0001 shows only that.
				assertThat(migrations.dryRun(MigrationKey.parse("billing:0001")).databases().get("main"))
					.noneMatch((sql) -> sql.contains("events"));

				clickHouse.query("SYSTEM FLUSH LOGS");
				assertThat(clickHouse.query("SELECT query_kind, query FROM system.query_log WHERE event_time_microseconds >= "
						+ "fromUnixTimestamp64Micro(" + (before.toEpochMilli() * 1000) + ") AND type = 'QueryStart' AND query_kind NOT IN ('Select', "
						+ "'System') AND query NOT LIKE '%system.query_log%'")).isEmpty();
				assertThat(clickHouse.query("SELECT count() FROM system.tables WHERE database = '" + database + "'")
					.trim()).isEqualTo("0");
			}
		}
	}

	@Test
	void repairClearsAFailureFixedByHandAndRealignsChecksums(EmbeddedClickHouse clickHouse) {
		String database = clickHouse.createDatabase("repair");
		assertThatThrownBy(() -> MigrationApps.run(clickHouse, database, null,
				"clickhouse.migrations.locations=classpath:db/it/failing",
				"clickhouse.migrations.placeholders.target=missing"))
			.isInstanceOf(ClickHouseMigrationException.class);
		try (ConfigurableApplicationContext context = MigrationApps.run(clickHouse, database, null,
				"clickhouse.migrations.locations=classpath:db/it/failing", "clickhouse.migrations.command=status",
				"clickhouse.migrations.placeholders.target=first")) {
			ClickHouseMigrations migrations = context.getBean(ClickHouseMigrations.class);
			assertThat(migrations.info("default").status()).isEqualTo(DatabaseStatus.FAILED);
			assertThat(migrations.validate().problems()).singleElement().satisfies((problem) -> {
				assertThat(problem.kind()).isEqualTo(ValidationReport.Kind.FAILED);
				assertThat(problem.message()).contains("stopped after statement 1 of 3");
				assertThat(problem.fix()).contains("repair");
			});
			// The manual fix: undo what statement 1 did, so that the migration can run from the start.
			clickHouse.query("DROP TABLE " + database + ".first");
			assertThat(migrations.repair("default")).containsExactly(
					"default:1: failure cleared; the next migrate runs it from statement 1");
			assertThat(migrations.info("default").migrations().get(0).state()).isEqualTo(MigrationState.PENDING);
			migrations.migrate();
			assertThat(migrations.info("default").status()).isEqualTo(DatabaseStatus.UP_TO_DATE);
			assertThat(clickHouse.query("SELECT event FROM " + database + ".clickhouse_migrations ORDER BY event_time"))
				.isEqualTo("PROGRESS\nPROGRESS\nFAILED\nCLEARED\nPROGRESS\nPROGRESS\nPROGRESS\nAPPLIED\n");

			// A changed checksum is accepted by repair.
			MigrationDatabase target = migrations.databases().get(0);
			ClickHouseMigrationHistory history = context.getBean(ClickHouseMigrationHistory.class);
			AppliedMigration applied = history.read(target).latest().get(0);
			history.append(target, List.of(applied.with(HistoryEvent.REALIGNED, applied.statementsDone(), "",
					applied.installedOn(), 1, "")).stream()
				.map((row) -> new AppliedMigration(row.key(), row.description(), row.type(), row.script(), "bad",
						row.event(), row.statementsDone(), row.statementsTotal(), row.progressChecksum(),
						row.installedBy(), row.installedOn(), row.executionTimeMs(), ""))
				.toList());
			assertThat(migrations.validate().problems()).singleElement()
				.extracting(ValidationReport.Problem::kind)
				.isEqualTo(ValidationReport.Kind.CHECKSUM_MISMATCH);
			assertThatThrownBy(migrations::migrate).hasMessageContaining("CHECKSUM_MISMATCH: restore it, or run repair");
			assertThat(migrations.repair("default")).singleElement().asString().contains("checksum bad re-aligned");
			assertThat(migrations.validate().isValid()).isTrue();
		}
	}

	@Test
	void baselineMarksAnExistingSchemaWithoutRunningAnything(EmbeddedClickHouse clickHouse) {
		String database = clickHouse.createDatabase("baseline");
		clickHouse.query("CREATE TABLE " + database + ".t1 (id UInt8) ENGINE = MergeTree ORDER BY id");
		try (ConfigurableApplicationContext context = MigrationApps.run(clickHouse, database, null,
				"clickhouse.migrations.locations=classpath:db/it/states", "clickhouse.migrations.command=status")) {
			ClickHouseMigrations migrations = context.getBean(ClickHouseMigrations.class);
			migrations.baseline("default", "default", "2");
			assertThat(migrations.info("default").migrations()).map((info) -> info.state().name())
				.containsExactly("BASELINE", "BASELINE", "PENDING", "PENDING", "PENDING");
			migrations.migrate();
			assertThat(clickHouse.query("EXISTS TABLE " + database + ".t2").trim()).isEqualTo("0");
			assertThat(clickHouse.query("EXISTS TABLE " + database + ".t5").trim()).isEqualTo("1");
			assertThatThrownBy(() -> migrations.baseline("default", "default", "1"))
				.hasMessageContaining("Cannot baseline module 'default'");
		}
	}

	@Test
	void migrateToATargetAppliesItAndWhatItNeeds(EmbeddedClickHouse clickHouse) {
		String database = clickHouse.createDatabase("target");
		try (ConfigurableApplicationContext context = MigrationApps.run(clickHouse, database, null,
				"clickhouse.migrations.locations=classpath:db/it/shop",
				"clickhouse.migrations.placeholders.events_ttl_days=30", "clickhouse.migrations.command=status")) {
			ClickHouseMigrations migrations = context.getBean(ClickHouseMigrations.class);
			migrations.migrate(MigrationKey.parse("events:0002"));
			assertThat(migrations.info("default").migrations()).map((info) -> info.key() + "=" + info.state())
				.containsExactly("billing:0001=APPLIED", "billing:0002=PENDING", "events:0001=APPLIED",
						"events:0002=APPLIED");
		}
	}

	@Test
	void clusterPutsOnClusterIntoDdlAndReplicatesTheHistory(EmbeddedClickHouse clickHouse) {
		// ON CLUSTER cannot run on a single local server: the dry run shows what would run on a cluster.
		String database = clickHouse.createDatabase("cluster");
		try (ConfigurableApplicationContext context = MigrationApps.run(clickHouse, database, null,
				"clickhouse.migrations.locations=classpath:db/it/shop",
				"clickhouse.migrations.placeholders.events_ttl_days=30", "clickhouse.migrations.command=status",
				"clickhouse.migrations.databases.main.data-source=dataSource",
				"clickhouse.migrations.databases.main.cluster=main")) {
			List<String> all = context.getBean(ClickHouseMigrations.class).dryRun().databases().get("main");
			// Lint's findings head the script: this fixture's invoices table knows nothing of clusters.
			assertThat(all).contains("-- lint warning non-replicated-engine on database 'main' at billing:0001 "
					+ "(billing/V0001__create_invoices.sql:2): creates invoices on engine MergeTree: the replica that "
					+ "runs it keeps the data, the others have none; fix: use ReplicatedMergeTree (without arguments on "
					+ "ClickHouse Cloud, or with the Keeper path and {replica} macro)");
			List<String> script = all.stream().filter((sql) -> !sql.startsWith("-- lint ")).toList();
			assertThat(script.get(0)).startsWith("CREATE TABLE IF NOT EXISTS `clickhouse_migrations` ON CLUSTER `main` (")
				.endsWith("sequence UInt64) ENGINE = ReplicatedMergeTree ORDER BY (module, version, sequence)");
			// A majority of replicas acknowledges each history write, so the next lock holder reads it.
			assertThat(script).anyMatch((sql) -> sql.startsWith("INSERT INTO `clickhouse_migrations` (")
					&& sql.contains(" SETTINGS insert_quorum = 'auto', insert_quorum_parallel = 0 VALUES "));
			assertThat(script).anyMatch((sql) -> sql.startsWith("CREATE TABLE IF NOT EXISTS events ON CLUSTER `main` ("))
				.contains("ALTER TABLE `events` ON CLUSTER `main` ADD COLUMN IF NOT EXISTS `user_id` UInt64");
		}
	}

	@Test
	void outOfOrderPendingMigrationsAreReportedByValidate(EmbeddedClickHouse clickHouse) {
		String database = clickHouse.createDatabase("order");
		try (ConfigurableApplicationContext context = MigrationApps.run(clickHouse, database, null,
				"clickhouse.migrations.locations=classpath:db/it/states", "clickhouse.migrations.command=status")) {
			ClickHouseMigrations migrations = context.getBean(ClickHouseMigrations.class);
			MigrationDatabase target = migrations.databases().get(0);
			ClickHouseMigrationHistory history = context.getBean(ClickHouseMigrationHistory.class);
			history.create(target);
			history.append(target, List.of(new AppliedMigration(MigrationKey.parse("default:4"), "Step 4",
					MigrationType.SQL, "V4__step_4.sql", migrations.resolved().get(3).checksum(), HistoryEvent.APPLIED, 1, 1,
					"", "default", Instant.now(), 1, "")));
			assertThat(migrations.validate().problems()).extracting(ValidationReport.Problem::kind)
				.containsExactly(ValidationReport.Kind.OUT_OF_ORDER, ValidationReport.Kind.OUT_OF_ORDER,
						ValidationReport.Kind.OUT_OF_ORDER);
		}
	}

}
