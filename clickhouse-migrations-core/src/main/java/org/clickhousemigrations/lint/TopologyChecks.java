package org.clickhousemigrations.lint;

import java.util.EnumSet;
import java.util.Set;

import org.clickhousemigrations.lint.LintStatement.Action;

/**
 * The rules about where a statement runs and how it replays: {@code missing-on-cluster},
 * {@code on-cluster-in-replicated}, {@code non-replicated-engine}, {@code consecutive-alters},
 * {@code unsafe-repeatable}.
 */
final class TopologyChecks implements Check {

	private static final Set<Action> DDL = EnumSet.of(Action.CREATE_TABLE, Action.CREATE_VIEW,
			Action.CREATE_MATERIALIZED_VIEW, Action.CREATE_DICTIONARY, Action.CREATE_DATABASE, Action.DROP,
			Action.TRUNCATE, Action.ALTER, Action.RENAME);

	// Engines that keep data on the node that holds the table.
	private static final Set<String> LOCAL = Set.of("Memory", "Log", "TinyLog", "StripeLog", "Set", "Join", "File");

	@Override
	public void check(LintStatement statement, LintContext context) {
		boolean replicatedDatabase = DDL.contains(statement.action) && context.inReplicatedDatabase(statement);
		if (replicatedDatabase && statement.onCluster) {
			context.report(LintRule.ON_CLUSTER_IN_REPLICATED, "uses ON CLUSTER in a Replicated database, which "
					+ "refuses it (the database replicates DDL itself)",
					"leave ON CLUSTER out, or write ${on_cluster}: it is empty in a Replicated database");
		}
		if (context.cluster != null && !replicatedDatabase && DDL.contains(statement.action) && !statement.onCluster
				&& !replicatesItself(statement, context)) {
			context.report(LintRule.MISSING_ON_CLUSTER, "runs on one node of cluster " + context.cluster
					+ " only: the others never see it", "add ${on_cluster} after the object's name");
		}
		if ((context.cluster != null || replicatedDatabase) && statement.engine != null
				&& !statement.engine.startsWith("Replicated") && !statement.engine.startsWith("Shared")
				&& (statement.engine.endsWith("MergeTree") || LOCAL.contains(statement.engine))) {
			context.report(LintRule.NON_REPLICATED_ENGINE, "creates " + statement.name + " on engine "
					+ statement.engine + ": the replica that runs it keeps the data, the others have none",
					statement.engine.endsWith("MergeTree") ? "use Replicated" + statement.engine
							+ " (without arguments on ClickHouse Cloud, or with the Keeper path and {replica} macro)"
							: "use a Replicated*MergeTree engine");
		}
		LintStatement previous = context.previous;
		if (statement.action == Action.ALTER && previous != null && previous.action == Action.ALTER
				&& previous.name != null && context.qualified(previous.name).equals(context.qualified(statement.name))) {
			context.report(LintRule.CONSECUTIVE_ALTERS, "alters " + statement.name + " again right after the "
					+ "statement before: on a replicated table each ALTER waits for the one before "
					+ "(CANNOT_ASSIGN_ALTER on ClickHouse Cloud)",
					"write one ALTER TABLE " + statement.name + " with both changes, separated by a comma");
		}
		if (context.repeatable) {
			repeatable(statement, context);
		}
	}

	private static void repeatable(LintStatement statement, LintContext context) {
		boolean create = statement.action == Action.CREATE_TABLE || statement.action == Action.CREATE_VIEW
				|| statement.action == Action.CREATE_MATERIALIZED_VIEW || statement.action == Action.CREATE_DICTIONARY
				|| statement.action == Action.CREATE_DATABASE;
		if (create && !statement.ifNotExists && !statement.orReplace) {
			context.report(LintRule.UNSAFE_REPEATABLE, "creates " + statement.name + " in a repeatable migration, "
					+ "which runs again whenever it changes: the second run fails because it exists",
					"write CREATE OR REPLACE (views, dictionaries) or CREATE ... IF NOT EXISTS");
		}
		if (statement.action == Action.INSERT) {
			context.report(LintRule.UNSAFE_REPEATABLE, "inserts into " + statement.name + " in a repeatable "
					+ "migration, which runs again whenever it changes: the rows are written again",
					"move the insert into a versioned migration, or make it replace what it wrote "
							+ "(insert into a ReplacingMergeTree, or delete the rows first)");
		}
	}

	// ALTER and TRUNCATE of a Replicated table reach every replica through Keeper.
	private static boolean replicatesItself(LintStatement statement, LintContext context) {
		if ((statement.action != Action.ALTER && statement.action != Action.TRUNCATE) || statement.name == null) {
			return false;
		}
		return context.facts.engine(context.databaseOf(statement.name), statement.name.name())
			.map((engine) -> engine.startsWith("Replicated") || engine.startsWith("Shared"))
			.orElse(false);
	}

}
