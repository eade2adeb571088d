package org.clickhousemigrations.lint;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.clickhousemigrations.lint.LintStatement.Action;
import org.clickhousemigrations.lint.LintStatement.Clause;
import org.clickhousemigrations.lint.LintStatement.Name;

/**
 * {@code rewrite-cost}: statements that read or rewrite a table (mutations, type changes, copies),
 * their size estimated from the table's active parts, warned above {@code lint.rewrite-warning};
 * and mutations that would wait behind unfinished ones.
 */
final class CostChecks implements Check {

	private static final Set<String> REWRITES = Set.of("UPDATE", "DELETE", "MATERIALIZE COLUMN", "MATERIALIZE INDEX",
			"MATERIALIZE PROJECTION", "MATERIALIZE TTL", "CLEAR COLUMN", "CLEAR INDEX", "CLEAR PROJECTION",
			"MODIFY COLUMN");

	@Override
	public void check(LintStatement statement, LintContext context) {
		if (statement.action == Action.ALTER) {
			String rewriting = statement.clauses.stream()
				.filter((clause) -> REWRITES.contains(clause.verb()) && rewrites(clause))
				.map(Clause::verb)
				.findFirst()
				.orElse(null);
			if (rewriting != null) {
				cost(statement.name, "rewrites", rewriting, context);
				int waiting = context.facts.unfinishedMutations(context.databaseOf(statement.name),
						statement.name.name());
				if (waiting > 0) {
					context.report(LintRule.REWRITE_COST, statement.name + " has " + waiting + " unfinished mutation"
							+ ((waiting == 1) ? "" : "s") + ": this " + rewriting + " waits until they are done",
							"let them finish first (system.mutations), or KILL MUTATION the ones that fail");
				}
			}
		}
		else if (statement.action == Action.DELETE) {
			cost(statement.name, "rewrites", "DELETE", context);
		}
		else if (statement.source != null && (statement.action == Action.INSERT && statement.select
				|| (statement.action == Action.CREATE_TABLE || statement.action == Action.CREATE_MATERIALIZED_VIEW)
						&& (statement.populate || statement.has("AS") && statement.select))) {
			cost(statement.source, "reads", (statement.action == Action.INSERT) ? "INSERT ... SELECT"
					: statement.populate ? "POPULATE" : "CREATE ... AS SELECT", context);
		}
	}

	// A MODIFY COLUMN rewrites its column only when it changes the type.
	private static boolean rewrites(Clause clause) {
		return !clause.verb().equals("MODIFY COLUMN") || TypeNarrowing.typeOf(clause.tokens()) != null;
	}

	private static void cost(Name table, String verb, String what, LintContext context) {
		if (table == null) {
			return;
		}
		Optional<ServerFacts.Size> size = context.facts.size(context.databaseOf(table), table.name());
		if (size.isPresent() && size.get().bytes() > context.rewriteWarningBytes) {
			context.report(LintRule.REWRITE_COST, "this " + what + " " + verb + " about " + size.get().rows() + " rows, "
					+ bytes(size.get().bytes()) + " of " + table + " (its active parts now), above the "
					+ bytes(context.rewriteWarningBytes) + " of clickhouse.migrations.lint.rewrite-warning",
					"run it in a quiet hour, or in chunks (a backfill by partition); check disk space for the "
							+ "rewritten parts");
		}
	}

	static String bytes(long bytes) {
		String[] units = { "B", "KB", "MB", "GB", "TB", "PB" };
		double value = bytes;
		int unit = 0;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		return (unit == 0) ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
	}

}
