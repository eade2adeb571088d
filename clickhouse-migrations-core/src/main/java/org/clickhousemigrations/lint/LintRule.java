package org.clickhousemigrations.lint;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.clickhousemigrations.LintReport.Severity;

/** The rules of lint, each with its id (what users write) and its severity unless configured otherwise. */
public enum LintRule {

	/** {@code DROP TABLE|DATABASE|DICTIONARY}: the data is gone. */
	DROP_TABLE("drop-table", Severity.ERROR,
			"DROP TABLE|DATABASE|DICTIONARY: the data is gone."),

	/** {@code ALTER TABLE ... DROP COLUMN}: the column's values are gone. */
	DROP_COLUMN("drop-column", Severity.ERROR,
			"ALTER TABLE ... DROP COLUMN: the column's values are gone."),

	/** {@code DROP|DETACH PARTITION|PART}: the partition's rows are gone (or detached). */
	DROP_PARTITION("drop-partition", Severity.ERROR,
			"DROP|DETACH PARTITION|PART: the partition's rows are gone (or detached)."),

	/** {@code TRUNCATE}: every row is gone. */
	TRUNCATE("truncate", Severity.ERROR,
			"TRUNCATE: every row is gone."),

	/** {@code MODIFY COLUMN} to a type that cannot hold every value of the old one. */
	NARROWING_TYPE_CHANGE("narrowing-type-change", Severity.ERROR,
			"MODIFY COLUMN to a type that cannot hold every value of the old one."),

	/** {@code ALTER ... DELETE WHERE 1} or {@code DELETE FROM ... WHERE 1}: every row is gone. */
	DELETE_ALL_ROWS("delete-all-rows", Severity.ERROR,
			"ALTER ... DELETE WHERE 1 or DELETE FROM ... WHERE 1: every row is gone."),

	/** {@code MODIFY TTL} that keeps rows for less time than now: older rows are deleted. */
	SHORTER_TTL("shorter-ttl", Severity.WARNING,
			"MODIFY TTL that keeps rows for less time than now: older rows are deleted."),

	/** A materialized view dropped (or replaced) and created again: rows inserted in between never reach it. */
	MV_RECREATE("mv-recreate", Severity.WARNING,
			"A materialized view dropped (or replaced) and created again: rows inserted in between never reach it."),

	/** A statement that reads or rewrites more than {@code lint.rewrite-warning}, or waits behind mutations. */
	REWRITE_COST("rewrite-cost", Severity.WARNING,
			"A statement that reads or rewrites more than lint.rewrite-warning, or waits behind mutations."),

	/** With a cluster configured, DDL without {@code ON CLUSTER}: it runs on one node only. */
	MISSING_ON_CLUSTER("missing-on-cluster", Severity.WARNING,
			"With a cluster configured, DDL without ON CLUSTER: it runs on one node only."),

	/** {@code ON CLUSTER} in a {@code Replicated} database, which refuses it. */
	ON_CLUSTER_IN_REPLICATED("on-cluster-in-replicated", Severity.ERROR,
			"ON CLUSTER in a Replicated database, which refuses it."),

	/** A table on a non-replicated engine where tables are replicated: one replica keeps the data. */
	NON_REPLICATED_ENGINE("non-replicated-engine", Severity.WARNING,
			"A table on a non-replicated engine where tables are replicated: one replica keeps the data."),

	/** Several {@code ALTER TABLE} statements on one table in a row, where one would do. */
	CONSECUTIVE_ALTERS("consecutive-alters", Severity.WARNING,
			"Several ALTER TABLE statements on one table in a row, where one would do."),

	/** A column dropped, renamed or retyped while a view reads it. */
	COLUMN_USED_BY_VIEW("column-used-by-view", Severity.ERROR,
			"A column dropped, renamed or retyped while a view reads it."),

	/** In a repeatable migration, a statement that fails or writes twice when it runs again. */
	UNSAFE_REPEATABLE("unsafe-repeatable", Severity.WARNING,
			"In a repeatable migration, a statement that fails or writes twice when it runs again."),

	/** A statement ClickHouse cannot parse. */
	SYNTAX("syntax", Severity.ERROR,
			"A statement ClickHouse cannot parse.");

	private final String id;

	private final Severity severity;

	private final String summary;

	LintRule(String id, Severity severity, String summary) {
		this.id = id;
		this.severity = severity;
		this.summary = summary;
	}

	/** What the rule finds, in one sentence. */
	public String summary() {
		return this.summary;
	}

	/** The id users write, e.g. {@code drop-table}. */
	public String id() {
		return this.id;
	}

	/** The severity unless {@code clickhouse.migrations.lint.rules.<id>} says otherwise. */
	public Severity severity() {
		return this.severity;
	}

	/** The rule of an id. */
	public static Optional<LintRule> of(String id) {
		return Arrays.stream(values()).filter((rule) -> rule.id.equals(id)).findFirst();
	}

	/** Every id, in the order above. */
	public static List<String> ids() {
		return Arrays.stream(values()).map(LintRule::id).toList();
	}

}
