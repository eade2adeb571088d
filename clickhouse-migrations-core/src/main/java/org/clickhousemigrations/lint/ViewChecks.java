package org.clickhousemigrations.lint;

import java.util.List;
import java.util.Set;

import org.clickhousemigrations.lint.LintStatement.Action;
import org.clickhousemigrations.lint.LintStatement.Clause;
import org.clickhousemigrations.lint.SqlTokens.Token;

/** The rules about views: {@code mv-recreate} and {@code column-used-by-view}. */
final class ViewChecks implements Check {

	private static final Set<String> COLUMN_CHANGES = Set.of("DROP COLUMN", "RENAME COLUMN", "MODIFY COLUMN");

	@Override
	public void check(LintStatement statement, LintContext context) {
		if (statement.name == null) {
			return;
		}
		String name = context.qualified(statement.name);
		if (statement.action == Action.DROP && isMaterializedView(statement, name, context)) {
			context.droppedViews.put(name, context.location);
		}
		if (statement.action == Action.CREATE_MATERIALIZED_VIEW) {
			String dropped = context.droppedViews.remove(name);
			boolean replaced = statement.orReplace && isMaterializedView(statement, name, context);
			if (dropped != null || replaced) {
				String how = statement.refresh ? "ALTER TABLE " + statement.name + " MODIFY REFRESH ..."
						: "ALTER TABLE " + statement.name + " MODIFY QUERY SELECT ...";
				context.report(LintRule.MV_RECREATE, "re-creates materialized view " + statement.name
						+ ((dropped != null) ? " dropped at " + dropped : " by replacing it") + (statement.refresh
								? ": its refreshes stop until it is back" : ": rows inserted into its source in between "
										+ "never reach it"),
						"change it in place with " + how);
			}
			context.createdViews.put(name, context.location);
		}
		if (statement.action == Action.ALTER) {
			for (Clause clause : statement.clauses) {
				if (COLUMN_CHANGES.contains(clause.verb()) && clause.subject() != null) {
					readers(statement, clause, context);
				}
			}
		}
	}

	private static void readers(LintStatement statement, Clause clause, LintContext context) {
		String database = context.databaseOf(statement.name);
		for (ServerFacts.View view : context.facts.views(database)) {
			List<Token> query = SqlTokens.of(view.query());
			boolean readsTable = query.stream().anyMatch((token) -> token.isName()
					&& token.text().equals(statement.name.name()));
			boolean readsColumn = query.stream().anyMatch((token) -> token.isName()
					&& token.text().equals(clause.subject()));
			if (readsTable && readsColumn && !view.name().equals(statement.name.name())) {
				context.report(LintRule.COLUMN_USED_BY_VIEW, "changes column " + clause.subject() + " of "
						+ statement.name + " (" + clause.verb() + "), which view " + view.name() + " reads: "
						+ "inserts into " + statement.name + " then fail in the view, or the view breaks",
						"change the view first (ALTER TABLE " + view.name() + " MODIFY QUERY ...) so that it no longer "
								+ "reads " + clause.subject() + ", then change the column");
			}
		}
	}

	private static boolean isMaterializedView(LintStatement statement, String name, LintContext context) {
		return context.createdViews.containsKey(name) || context.facts.engine(context.databaseOf(statement.name),
				statement.name.name()).map("MaterializedView"::equals).orElse(false);
	}

}
