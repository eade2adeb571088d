package org.clickhousemigrations.lint;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.clickhousemigrations.lint.LintStatement.Action;
import org.clickhousemigrations.lint.LintStatement.Clause;
import org.clickhousemigrations.lint.SqlTokens.Token;

/**
 * The rules for statements that lose data: {@code drop-table}, {@code drop-column},
 * {@code drop-partition}, {@code truncate}, {@code narrowing-type-change}, {@code delete-all-rows},
 * {@code shorter-ttl}.
 */
final class DataLossChecks implements Check {

	@Override
	public void check(LintStatement statement, LintContext context) {
		if (statement.action == Action.DROP && !statement.dropped.equals("VIEW")) {
			context.report(LintRule.DROP_TABLE, "drops " + statement.dropped.toLowerCase(Locale.ROOT) + " "
					+ statement.name + " and every row in it",
					"keep it until nothing reads it, then drop it in a migration of its own with "
							+ "'-- lint: allow drop-table <why>' above the statement (or RENAME it aside first)");
		}
		if (statement.action == Action.TRUNCATE) {
			context.report(LintRule.TRUNCATE, "deletes every row of " + statement.name,
					"delete only what must go (ALTER TABLE ... DELETE WHERE <condition>), or allow it with "
							+ "'-- lint: allow truncate <why>'");
		}
		if (statement.action == Action.DELETE && wholeTable(statement.tokens, statement.tokens.size())) {
			context.report(LintRule.DELETE_ALL_ROWS, "deletes every row of " + statement.name,
					"give the DELETE the condition of the rows that must go");
		}
		if (statement.action != Action.ALTER) {
			return;
		}
		for (Clause clause : statement.clauses) {
			switch (clause.verb()) {
				case "DROP COLUMN" -> context.report(LintRule.DROP_COLUMN, "drops column " + clause.subject() + " of "
						+ statement.name + " and its values",
						"stop writing and reading it first; drop it in a later migration with "
								+ "'-- lint: allow drop-column <why>' above the statement");
				case "DROP PARTITION", "DETACH PARTITION", "DROP PART", "DETACH PART", "DROP DETACHED" ->
					context.report(LintRule.DROP_PARTITION, clause.verb().toLowerCase(Locale.ROOT)
							.replace("drop", "drops").replace("detach", "detaches") + " " + text(clause.tokens())
							+ " of " + statement.name + ": its rows leave the table",
							"MOVE PARTITION ... TO TABLE <archive> keeps the rows; or allow it with "
									+ "'-- lint: allow drop-partition <why>'");
				case "DELETE" -> {
					if (wholeTable(clause.tokens(), clause.tokens().size())) {
						context.report(LintRule.DELETE_ALL_ROWS, "deletes every row of " + statement.name
								+ " (a mutation that rewrites every part)",
								"give the DELETE the condition of the rows that must go; to empty the table on "
										+ "purpose, TRUNCATE says so");
					}
				}
				case "MODIFY COLUMN" -> narrowing(statement, clause, context);
				case "MODIFY TTL" -> shorterTtl(statement, clause, context);
				default -> {
				}
			}
		}
	}

	private static void narrowing(LintStatement statement, Clause clause, LintContext context) {
		String type = TypeNarrowing.typeOf(clause.tokens());
		if (type == null || clause.subject() == null) {
			return;
		}
		Optional<String> old = context.facts.columnType(context.databaseOf(statement.name), statement.name.name(),
				clause.subject());
		old.flatMap((from) -> TypeNarrowing.narrowing(from, type))
			.ifPresent((why) -> context.report(LintRule.NARROWING_TYPE_CHANGE, "changes column " + clause.subject()
					+ " of " + statement.name + " from " + old.get() + " to " + type + ": " + why,
					"add a column of the new type, fill it with a checked conversion (toXOrNull/toXOrDefault), "
							+ "and switch readers to it; or choose a type that holds every old value"));
	}

	private static void shorterTtl(LintStatement statement, Clause clause, LintContext context) {
		Optional<Long> wanted = Retention.seconds(clause.tokens());
		if (wanted.isEmpty()) {
			return;
		}
		Optional<String> now = context.facts.ttl(context.databaseOf(statement.name), statement.name.name());
		if (now.isEmpty()) {
			if (context.facts.engine(context.databaseOf(statement.name), statement.name.name()).isPresent()) {
				context.report(LintRule.SHORTER_TTL, "gives " + statement.name + " a TTL where it had none: rows "
						+ "older than " + Retention.describe(wanted.get()) + " are deleted at the next merge",
						"check that no one needs the older rows (copy them aside first), then allow it with "
								+ "'-- lint: allow shorter-ttl <why>'");
			}
			return;
		}
		Optional<Long> kept = Retention.seconds(SqlTokens.of(now.get()));
		if (kept.isPresent() && wanted.get() < kept.get()) {
			context.report(LintRule.SHORTER_TTL, "shortens the TTL of " + statement.name + " from "
					+ Retention.describe(kept.get()) + " to " + Retention.describe(wanted.get()) + ": rows in "
					+ "between are deleted at the next merge",
					"check that no one needs them (copy them aside first), then allow it with "
							+ "'-- lint: allow shorter-ttl <why>'");
		}
	}

	// WHERE 1, WHERE true, WHERE 1 = 1, or no WHERE at all.
	static boolean wholeTable(List<Token> tokens, int end) {
		int where = -1;
		for (int i = 0; i < end; i++) {
			if (tokens.get(i).depth() == 0 && tokens.get(i).is("WHERE")) {
				where = i;
			}
		}
		if (where < 0) {
			return true;
		}
		String condition = text(tokens.subList(where + 1, end)).toUpperCase(Locale.ROOT);
		return condition.equals("1") || condition.equals("TRUE") || condition.equals("1 = 1")
				|| condition.equals("NOT 0");
	}

	static String text(List<Token> tokens) {
		return tokens.stream().map(Token::text).collect(Collectors.joining(" "));
	}

}
