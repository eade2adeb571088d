package org.clickhousemigrations.lint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Check} knows besides the statement: the server, the database's configuration, the
 * statements checked before it, and where its findings go.
 */
final class LintContext {

	/**
	 * A finding before its severity and suppressions are applied.
	 *
	 * @param rule the rule
	 * @param message what the statement would do and why that matters
	 * @param fix what to write instead
	 */
	record Raw(LintRule rule, String message, String fix) {
	}

	final ServerFacts facts;

	/** The configured cluster, or {@code null}. */
	final String cluster;

	final long rewriteWarningBytes;

	/** Whether the statement belongs to a repeatable migration. */
	boolean repeatable;

	/** The statement before this one in the same migration, or {@code null}. */
	LintStatement previous;

	/** Where the statement is, for messages that point back at it. */
	String location = "";

	/** Materialized views dropped by statements checked earlier, by qualified name, with where. */
	final Map<String, String> droppedViews = new HashMap<>();

	/** Materialized views created by statements checked earlier, by qualified name. */
	final Map<String, String> createdViews = new HashMap<>();

	private final List<Raw> found = new ArrayList<>();

	LintContext(ServerFacts facts, String cluster, long rewriteWarningBytes) {
		this.facts = facts;
		this.cluster = (cluster == null || cluster.isBlank()) ? null : cluster;
		this.rewriteWarningBytes = rewriteWarningBytes;
	}

	void report(LintRule rule, String message, String fix) {
		this.found.add(new Raw(rule, message, fix));
	}

	/** The findings since the last call, which forgets them. */
	List<Raw> take() {
		List<Raw> taken = List.copyOf(this.found);
		this.found.clear();
		return taken;
	}

	/** {@code database.table} of a name, unqualified names in the current database. */
	String qualified(LintStatement.Name name) {
		return name.in(this.facts.currentDatabase());
	}

	String databaseOf(LintStatement.Name name) {
		return name.databaseOr(this.facts.currentDatabase());
	}

	/** Whether the statement's database is of engine {@code Replicated}. */
	boolean inReplicatedDatabase(LintStatement statement) {
		String database = (statement.name != null) ? databaseOf(statement.name) : this.facts.currentDatabase();
		return this.facts.isReplicatedDatabase(database);
	}

}
