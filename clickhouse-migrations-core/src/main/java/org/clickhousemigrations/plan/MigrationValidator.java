package org.clickhousemigrations.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.clickhousemigrations.MigrationInfo;
import org.clickhousemigrations.ValidationReport.Kind;
import org.clickhousemigrations.ValidationReport.Problem;
import org.clickhousemigrations.model.MigrationVersion;

/** Finds what {@code validate} reports in the merged states of one database. */
public final class MigrationValidator {

	private MigrationValidator() {
	}

	public static List<Problem> validate(String database, List<MigrationInfo> infos) {
		Map<String, MigrationVersion> highestApplied = new HashMap<>();
		for (MigrationInfo info : infos) {
			if (info.state().isApplied() && !info.key().version().isRepeatable()) {
				highestApplied.merge(info.key().module(), info.key().version(), (a, b) -> (a.compareTo(b) >= 0) ? a : b);
			}
		}
		List<Problem> problems = new ArrayList<>();
		for (MigrationInfo info : infos) {
			String key = info.key().toString();
			switch (info.state()) {
				case CHECKSUM_MISMATCH -> problems.add(new Problem(database, key, info.script(), Kind.CHECKSUM_MISMATCH,
						"changed after it was applied (recorded checksum " + info.applied().checksum() + ", now "
								+ info.checksum() + ")",
						"restore the applied version, or run repair to accept the change"));
				case MISSING -> problems.add(new Problem(database, key, info.script(), Kind.MISSING,
						"is applied but no longer found in the application",
						"restore it, or run repair to remove it from the history"));
				case FAILED -> problems.add(info.applied().event().isUnfinishedRollback()
						? new Problem(database, key, info.script(), Kind.FAILED,
								"stopped while being rolled back, after rollback statement "
										+ info.applied().statementsDone() + ": " + info.applied().error(),
								"run the rollback again (it resumes there), or finish it by hand and run repair")
						: new Problem(database, key, info.script(), Kind.FAILED,
								"stopped after statement " + info.applied().statementsDone() + " of "
										+ info.applied().statementsTotal() + ": " + info.applied().error(),
								"fix the cause and migrate (it resumes where it stopped), or undo its effects by hand "
										+ "and run repair to run it again from the start"));
				case PENDING -> {
					MigrationVersion highest = highestApplied.get(info.key().module());
					if (highest != null && info.key().version().compareTo(highest) < 0) {
						problems.add(new Problem(database, key, info.script(), Kind.OUT_OF_ORDER,
								"is pending, but " + info.key().module() + ":" + highest + " is applied already",
								"give it a version above " + highest + ", or migrate to apply it out of order"));
					}
				}
				default -> {
				}
			}
		}
		return problems;
	}

}
