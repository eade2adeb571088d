package org.clickhousemigrations.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.MigrationInfo;
import org.clickhousemigrations.model.MigrationKey;
import org.clickhousemigrations.model.MigrationState;

/**
 * Chooses what a rollback to {@code module:version} undoes: every applied migration of the module
 * newer than the version, newest first (repeatable migrations stay). Refuses, before anything runs, when one of them cannot be
 * undone or another applied migration depends on one of them.
 */
public final class RollbackPlanner {

	private RollbackPlanner() {
	}

	public static List<MigrationInfo> plan(String database, List<MigrationInfo> infos, MigrationKey target) {
		MigrationPlanner.checkTarget(database, infos.stream().map(MigrationInfo::key).toList(), target, true);
		List<MigrationInfo> undo = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		for (MigrationInfo info : infos) {
			// A repeatable migration is not undone: it is applied again whenever it changes.
			if (!info.key().module().equals(target.module()) || info.key().version().compareTo(target.version()) <= 0
					|| info.key().version().isRepeatable()) {
				continue;
			}
			if (info.applied() != null && info.applied().event().isOutcomeUnknown()) {
				problems.add(MigrationPlanner.unknownOutcome(info));
				continue;
			}
			boolean unfinished = info.applied() != null && info.applied().event().isUnfinishedRollback();
			if (info.state() == MigrationState.APPLIED || unfinished) {
				if (info.resolved().rollbackSteps().isEmpty()) {
					problems.add(info.key() + " cannot be undone: " + info.resolved().rollbackProblem()
							+ "; add a rollback, or roll back by hand and run repair");
				}
				undo.add(info);
			}
			else if (info.state() != MigrationState.PENDING && info.state() != MigrationState.EXCLUDED) {
				problems.add(info.key() + " (" + info.script() + ") is " + info.state()
						+ "; fix that first (validate says how)");
			}
		}
		Set<MigrationKey> undone = undo.stream().map(MigrationInfo::key).collect(Collectors.toSet());
		for (MigrationInfo info : infos) {
			if (info.state().isApplied() && info.resolved() != null && !undone.contains(info.key())) {
				info.resolved().dependsOn().stream().filter(undone::contains).forEach((dependency) -> problems
					.add(info.key() + " is applied and depends on " + dependency + "; roll " + info.key().module()
							+ " back first"));
			}
		}
		if (!problems.isEmpty()) {
			throw new ClickHouseMigrationException("Cannot roll database '" + database + "' back to " + target
					+ "; nothing was changed:\n  - " + String.join("\n  - ", problems));
		}
		undo.sort(Comparator.comparing(MigrationInfo::key).reversed());
		return undo;
	}

}
