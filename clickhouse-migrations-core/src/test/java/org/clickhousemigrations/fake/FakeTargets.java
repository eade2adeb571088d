package org.clickhousemigrations.fake;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.execute.DryRunTarget;
import org.clickhousemigrations.execute.ExecutionTarget;
import org.clickhousemigrations.execute.ExecutionTargetFactory;
import org.clickhousemigrations.history.MigrationHistory;
import org.clickhousemigrations.model.AppliedMigration;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.sql.Placeholders;

/**
 * Targets without a database: a live one notes each statement it runs in a shared journal and
 * fails on the statements it is told to; a dry run is the real {@link DryRunTarget}.
 */
public final class FakeTargets implements ExecutionTargetFactory {

	public static final Placeholders PLACEHOLDERS = new Placeholders(Map.of("database", "db", "on_cluster", ""));

	private final List<String> journal;

	private final MigrationHistory history;

	private final List<String> failing = new ArrayList<>();

	private int opened;

	public FakeTargets(List<String> journal, MigrationHistory history) {
		this.journal = journal;
		this.history = history;
	}

	/** Makes every statement equal to {@code sql} fail, until {@link #heal()}. */
	public FakeTargets failOn(String sql) {
		this.failing.add(sql);
		return this;
	}

	public void heal() {
		this.failing.clear();
	}

	/** How many targets were opened (connections taken). */
	public int opened() {
		return this.opened;
	}

	@Override
	public ExecutionTarget open(MigrationDatabase database, boolean dryRun) {
		this.opened++;
		if (dryRun) {
			return new DryRunTarget(database, this.history, "tester", PLACEHOLDERS);
		}
		return new ExecutionTarget() {

			@Override
			public String installedBy() {
				return "tester";
			}

			@Override
			public Placeholders placeholders() {
				return PLACEHOLDERS;
			}

			@Override
			public void run(MigrationStep step, String sql, String module) throws Exception {
				String what = step.isSql() ? sql : step.label();
				if (FakeTargets.this.failing.contains(what)) {
					throw new SQLException("Code: 60. DB::Exception: Table db.missing does not exist. (UNKNOWN_TABLE)");
				}
				FakeTargets.this.journal.add("run " + what);
			}

			@Override
			public void record(List<AppliedMigration> rows) {
				FakeTargets.this.history.append(database, rows);
			}

			@Override
			public void close() {
			}

		};
	}

}
