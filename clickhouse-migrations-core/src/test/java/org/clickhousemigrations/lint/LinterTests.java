package org.clickhousemigrations.lint;

import java.util.List;
import java.util.Map;

import org.clickhousemigrations.LintReport;
import org.clickhousemigrations.LintReport.Finding;
import org.clickhousemigrations.LintReport.Severity;
import org.clickhousemigrations.LintSettings;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.fake.Migrations;
import org.clickhousemigrations.sql.Placeholders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Each lint rule on a statement that breaks it and on one that does not, with a fake server. */
class LinterTests {

	private final FakeFacts facts = new FakeFacts();

	private LintSettings settings = LintSettings.DEFAULTS;

	private String cluster;

	@Test
	void dropTableIsAnErrorWithItsLineAndFix() {
		List<Finding> findings = lint(Migrations.sql("a:1", "CREATE TABLE IF NOT EXISTS x (a Int8) ENGINE = Memory",
				"DROP TABLE IF EXISTS old"));
		assertThat(findings).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("drop-table");
			assertThat(finding.severity()).isEqualTo(Severity.ERROR);
			assertThat(finding.location()).isEqualTo("a:1.sql:2");
			assertThat(finding.statement()).isEqualTo("DROP TABLE IF EXISTS old");
			assertThat(finding.message()).isEqualTo("drops table old and every row in it");
			assertThat(finding.fix()).contains("-- lint: allow drop-table");
		});
		assertThat(rules("DROP DATABASE d")).containsExactly("drop-table");
		assertThat(rules("DROP DICTIONARY d")).containsExactly("drop-table");
		assertThat(rules("DROP VIEW v")).isEmpty();
	}

	@Test
	void dropColumnAndPartitionsAndTruncate() {
		assertThat(rules("ALTER TABLE t DROP COLUMN IF EXISTS c")).containsExactly("drop-column");
		assertThat(rules("ALTER TABLE t DROP PARTITION 202401")).containsExactly("drop-partition");
		assertThat(rules("ALTER TABLE t DETACH PARTITION ID '202401'")).containsExactly("drop-partition");
		assertThat(rules("TRUNCATE TABLE t")).containsExactly("truncate");
		assertThat(rules("ALTER TABLE t ADD COLUMN c Int8")).isEmpty();
		assertThat(rules("ALTER TABLE t MOVE PARTITION 202401 TO TABLE archive")).isEmpty();
	}

	@Test
	void deleteOfEveryRow() {
		assertThat(rules("ALTER TABLE t DELETE WHERE 1")).containsExactly("delete-all-rows");
		assertThat(rules("ALTER TABLE t DELETE WHERE true")).containsExactly("delete-all-rows");
		assertThat(rules("DELETE FROM t WHERE 1 = 1")).containsExactly("delete-all-rows");
		assertThat(rules("ALTER TABLE t DELETE WHERE day < '2020-01-01'")).isEmpty();
		assertThat(rules("DELETE FROM t WHERE id IN (SELECT id FROM u WHERE 1)")).isEmpty();
	}

	@Test
	void narrowingTypeChangesNeedTheOldTypeFromTheServer() {
		this.facts.column("t", "n", "Int64").column("t", "s", "String").column("t", "z", "Nullable(Int32)")
			.column("t", "w", "Int32");
		assertThat(rules("ALTER TABLE t MODIFY COLUMN n Int32")).containsExactly("narrowing-type-change");
		assertThat(rules("ALTER TABLE t MODIFY COLUMN n UInt64")).containsExactly("narrowing-type-change");
		assertThat(rules("ALTER TABLE t MODIFY COLUMN s UInt32")).containsExactly("narrowing-type-change");
		assertThat(rules("ALTER TABLE t MODIFY COLUMN z Int32")).containsExactly("narrowing-type-change");
		assertThat(rules("ALTER TABLE t MODIFY COLUMN w Int64")).isEmpty();
		assertThat(rules("ALTER TABLE t MODIFY COLUMN z Nullable(Int64)")).isEmpty();
		assertThat(rules("ALTER TABLE t MODIFY COLUMN n String")).isEmpty();
		assertThat(rules("ALTER TABLE t MODIFY COLUMN n COMMENT 'ids'")).isEmpty();
		assertThat(rules("ALTER TABLE unknown MODIFY COLUMN n Int8")).isEmpty();
	}

	@Test
	void typeNarrowingKnowsDecimalsFloatsAndTimes() {
		assertThat(TypeNarrowing.narrowing("Decimal(18, 4)", "Decimal(18, 2)")).isPresent();
		assertThat(TypeNarrowing.narrowing("Decimal64(4)", "Decimal(38, 4)")).isEmpty();
		assertThat(TypeNarrowing.narrowing("Float64", "Float32")).isPresent();
		assertThat(TypeNarrowing.narrowing("Int64", "Float64")).isPresent();
		assertThat(TypeNarrowing.narrowing("Int32", "Float64")).isEmpty();
		assertThat(TypeNarrowing.narrowing("DateTime64(6)", "DateTime64(3)")).isPresent();
		assertThat(TypeNarrowing.narrowing("DateTime", "Date")).isPresent();
		assertThat(TypeNarrowing.narrowing("Date", "Date32")).isEmpty();
		assertThat(TypeNarrowing.narrowing("LowCardinality(String)", "String")).isEmpty();
		assertThat(TypeNarrowing.narrowing("FixedString(8)", "FixedString(4)")).isPresent();
	}

	@Test
	void shorterTtlAgainstTheTtlTheServerShows() {
		this.facts.table("t", "MergeTree").ttls.put("db.t", "at + toIntervalDay(90)");
		this.facts.table("u", "MergeTree");
		assertThat(rules("ALTER TABLE t MODIFY TTL at + INTERVAL 30 DAY")).containsExactly("shorter-ttl");
		assertThat(rules("ALTER TABLE t MODIFY TTL at + INTERVAL 1 YEAR")).isEmpty();
		assertThat(rules("ALTER TABLE t MODIFY TTL at + toIntervalMonth(3)")).isEmpty();
		assertThat(rules("ALTER TABLE u MODIFY TTL at + INTERVAL 1 YEAR")).containsExactly("shorter-ttl");
	}

	@Test
	void materializedViewDroppedAndCreatedAgain() {
		this.facts.table("mv", "MaterializedView");
		List<Finding> findings = lint(Migrations.sql("a:1", "DROP VIEW mv",
				"CREATE MATERIALIZED VIEW mv TO totals AS SELECT a FROM t"));
		assertThat(findings).extracting(Finding::rule).containsExactly("mv-recreate");
		assertThat(findings.get(0).message()).contains("dropped at a:1.sql:1")
			.contains("rows inserted into its source in between never reach it");
		assertThat(findings.get(0).fix()).contains("ALTER TABLE mv MODIFY QUERY");
		assertThat(rules("CREATE OR REPLACE MATERIALIZED VIEW mv REFRESH EVERY 1 HOUR TO totals AS SELECT a FROM t"))
			.containsExactly("mv-recreate");
		assertThat(rules("CREATE MATERIALIZED VIEW IF NOT EXISTS other TO totals AS SELECT a FROM t")).isEmpty();
		assertThat(rules("ALTER TABLE mv MODIFY QUERY SELECT a, b FROM t")).isEmpty();
	}

	@Test
	void columnReadByAView() {
		this.facts.views.add(new ServerFacts.View("by_day", "SELECT toDate(at) AS day, count() FROM db.events GROUP BY day"));
		assertThat(rules("ALTER TABLE events DROP COLUMN at")).containsExactly("drop-column", "column-used-by-view");
		assertThat(rules("ALTER TABLE events RENAME COLUMN at TO created")).containsExactly("column-used-by-view");
		assertThat(rules("ALTER TABLE events DROP COLUMN country")).containsExactly("drop-column");
		assertThat(rules("ALTER TABLE other DROP COLUMN at")).containsExactly("drop-column");
	}

	@Test
	void rewriteCostAboveTheThresholdAndMutationsThatWait() {
		this.settings = new LintSettings(false, Map.of(), 1000, LintSettings.OnMigrate.WARN);
		this.facts.sizes.put("db.big", new ServerFacts.Size(5_000_000, 2_000_000));
		this.facts.sizes.put("db.small", new ServerFacts.Size(10, 500));
		this.facts.column("big", "v", "Int32");
		assertThat(lint(Migrations.sql("a:1", "ALTER TABLE big UPDATE v = v + 1 WHERE 1"))).singleElement()
			.satisfies((finding) -> assertThat(finding.message()).isEqualTo("this UPDATE rewrites about 5000000 rows, "
					+ "1.9 MB of big (its active parts now), above the 1000 B of clickhouse.migrations.lint.rewrite-warning"));
		assertThat(rules("ALTER TABLE big MODIFY COLUMN v Int64")).containsExactly("rewrite-cost");
		assertThat(rules("ALTER TABLE big MATERIALIZE INDEX i")).containsExactly("rewrite-cost");
		assertThat(rules("INSERT INTO copy SELECT * FROM big")).containsExactly("rewrite-cost");
		assertThat(rules("CREATE TABLE copy ENGINE = MergeTree ORDER BY a AS SELECT * FROM big")).containsExactly("rewrite-cost");
		assertThat(rules("CREATE MATERIALIZED VIEW mv ENGINE = MergeTree ORDER BY a POPULATE AS SELECT a FROM big"))
			.containsExactly("rewrite-cost");
		assertThat(rules("ALTER TABLE small UPDATE v = 1 WHERE 1")).isEmpty();
		assertThat(rules("ALTER TABLE big ADD COLUMN w Int8")).isEmpty();
		assertThat(rules("ALTER TABLE big MODIFY COLUMN v COMMENT 'x'")).isEmpty();
		assertThat(rules("INSERT INTO copy VALUES (1)")).isEmpty();
		this.facts.mutations.put("db.small", 2);
		assertThat(lint(Migrations.sql("a:1", "ALTER TABLE small DELETE WHERE v = 3"))).singleElement()
			.satisfies((finding) -> assertThat(finding.message()).startsWith("small has 2 unfinished mutations"));
	}

	@Test
	void onAClusterDdlNeedsOnClusterAndReplicatedEngines() {
		this.cluster = "main";
		assertThat(rules("CREATE TABLE t (a Int8) ENGINE = MergeTree ORDER BY a")).containsExactly("missing-on-cluster",
				"non-replicated-engine");
		assertThat(rules("CREATE TABLE t ON CLUSTER main (a Int8) ENGINE = ReplicatedMergeTree ORDER BY a")).isEmpty();
		this.facts.table("r", "ReplicatedMergeTree");
		assertThat(rules("ALTER TABLE r ADD COLUMN b Int8")).isEmpty();
		assertThat(rules("ALTER TABLE m ADD COLUMN b Int8")).containsExactly("missing-on-cluster");
		assertThat(rules("INSERT INTO t VALUES (1)")).isEmpty();
	}

	@Test
	void inAReplicatedDatabaseOnClusterIsRefused() {
		this.facts.replicatedDatabases.add("db");
		assertThat(rules("CREATE TABLE t ON CLUSTER main (a Int8) ENGINE = ReplicatedMergeTree ORDER BY a"))
			.containsExactly("on-cluster-in-replicated");
		assertThat(rules("CREATE TABLE t (a Int8) ENGINE = Memory")).containsExactly("non-replicated-engine");
		assertThat(rules("CREATE TABLE t (a Int8) ENGINE = ReplicatedMergeTree ORDER BY a")).isEmpty();
	}

	@Test
	void consecutiveAltersOfOneTable() {
		assertThat(lint(Migrations.sql("a:1", "ALTER TABLE t ADD COLUMN b Int8", "ALTER TABLE t ADD COLUMN c Int8",
				"ALTER TABLE u ADD COLUMN c Int8"))).extracting(Finding::rule, Finding::line)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("consecutive-alters", 2));
		assertThat(rules("ALTER TABLE t ADD COLUMN b Int8, ADD COLUMN c Int8")).isEmpty();
	}

	@Test
	void repeatableMigrationsThatCannotRunTwice() {
		ResolvedMigration repeatable = Migrations.sql("a:R__views", "CREATE VIEW v AS SELECT 1",
				"CREATE OR REPLACE VIEW w AS SELECT 1", "INSERT INTO t VALUES (1)");
		assertThat(lint(repeatable)).extracting(Finding::rule, Finding::line).containsExactly(
				org.assertj.core.groups.Tuple.tuple("unsafe-repeatable", 1),
				org.assertj.core.groups.Tuple.tuple("unsafe-repeatable", 3));
		assertThat(rules("CREATE VIEW v AS SELECT 1")).isEmpty();
	}

	@Test
	void aStatementClickHouseCannotParseIsOnlyASyntaxError() {
		this.facts.unparsable.add("DROP TABEL t");
		assertThat(lint(Migrations.sql("a:1", "DROP TABEL t"))).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("syntax");
			assertThat(finding.message()).contains("SYNTAX_ERROR");
		});
	}

	@Test
	void allowLinesSuppressWithTheirReasonAndOnlyTheirRule() {
		LintReport report = report(Migrations.sql("a:1", "-- lint: allow drop-table replaced by events_v2 in 0007",
				"DROP TABLE events", "-- lint: allow truncate", "DROP TABLE other"));
		assertThat(report.suppressed()).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("drop-table");
			assertThat(finding.reason()).isEqualTo("replaced by events_v2 in 0007");
		});
		// A line without a reason, or for another rule, suppresses nothing.
		assertThat(report.findings()).extracting(Finding::line).containsExactly(4);
	}

	@Test
	void configuredSeveritiesWinAndOffReportsNothing() {
		this.settings = new LintSettings(false, Map.of("drop-table", Severity.WARNING, "truncate", Severity.OFF),
				LintSettings.DEFAULTS.rewriteWarningBytes(), LintSettings.OnMigrate.WARN);
		LintReport report = report(Migrations.sql("a:1", "DROP TABLE t", "TRUNCATE TABLE u"));
		assertThat(report.findings()).extracting(Finding::severity).containsExactly(Severity.WARNING);
		assertThat(report.errors()).isZero();
		assertThat(report.warnings()).isOne();
	}

	@Test
	void anUnknownRuleInTheSettingsNamesTheRules() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Linter(new LintSettings(false,
				Map.of("drop-tables", Severity.OFF), 1, LintSettings.OnMigrate.WARN), getClass().getClassLoader()))
			.withMessageStartingWith("clickhouse.migrations.lint.rules.drop-tables: there is no rule 'drop-tables'; "
					+ "the rules are drop-table, drop-column");
	}

	@Test
	void placeholdersAreResolvedAndSecretsMaskedInWhatIsShown() {
		Placeholders placeholders = new Placeholders(Map.of("on_cluster", "ON CLUSTER `main`", "token", "s3cr3t"),
				List.of("token"));
		this.cluster = "main";
		LintReport report = new Linter(this.settings, getClass().getClassLoader()).lint("main", this.facts,
				this.cluster, placeholders, List.of(Migrations.sql("a:1",
						"CREATE TABLE t ${on_cluster} (a String DEFAULT '${token}') ENGINE = ReplicatedMergeTree ORDER BY a",
						"DROP TABLE u ${on_cluster}")));
		assertThat(report.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("drop-table");
			assertThat(finding.statement()).isEqualTo("DROP TABLE u ON CLUSTER `main`");
		});
	}

	private List<String> rules(String sql) {
		return lint(Migrations.sql("a:1", sql)).stream().map(Finding::rule).toList();
	}

	private List<Finding> lint(ResolvedMigration migration) {
		return report(migration).findings();
	}

	private LintReport report(ResolvedMigration migration) {
		return new Linter(this.settings, getClass().getClassLoader()).lint("main", this.facts, this.cluster,
				new Placeholders(Map.of("on_cluster", "")), List.of(migration));
	}

}
