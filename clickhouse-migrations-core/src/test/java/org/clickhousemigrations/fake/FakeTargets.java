package org.clickhousemigrations.fake;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.execute.DryRunTarget;
import org.clickhousemigrations.execute.ExecutionTarget;
import org.clickhousemigrations.execute.ExecutionTargetFactory;
import org.clickhousemigrations.execute.Retry;
import org.clickhousemigrations.execute.StatementId;
import org.clickhousemigrations.execute.Verdict;
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

	// Statements whose answer is lost: after they ran (true), or before they reached ClickHouse (false).
	private final Map<String, Boolean> losing = new HashMap<>();

	// What ClickHouse ran, by query id, as its query log would say.
	private final Map<String, Boolean> queryLog = new LinkedHashMap<>();

	private boolean queryLogOff;

	// Errors answered in place of running a statement (refusals), or after running it, by statement.
	private final Map<String, List<Integer>> refusals = new HashMap<>();

	private final Map<String, Integer> errorsAfterRunning = new HashMap<>();

	// What ClickHouse says of a statement, in place of the query log.
	private final Map<String, Verdict> verdicts = new HashMap<>();

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

	/** Loses the answer to {@code sql} once: after ClickHouse ran it, or before it reached ClickHouse. */
	public FakeTargets loseAnswerOf(String sql, boolean afterRunning) {
		this.losing.put(sql, afterRunning);
		return this;
	}

	/** Refuses {@code sql} before running it, once per code given, in order. */
	public FakeTargets refuse(String sql, Integer... codes) {
		this.refusals.put(sql, new ArrayList<>(List.of(codes)));
		return this;
	}

	/** Runs {@code sql}, then answers error {@code code} once, as a replicated server may. */
	public FakeTargets errorAfterRunning(String sql, int code) {
		this.errorsAfterRunning.put(sql, code);
		return this;
	}

	/** Makes ClickHouse say {@code verdict} of {@code sql} (a statement, or a Java step's label). */
	public FakeTargets says(String sql, Verdict verdict) {
		this.verdicts.put(sql, verdict);
		return this;
	}

	/** Makes ClickHouse unable to tell what became of a statement. */
	public FakeTargets queryLogOff() {
		this.queryLogOff = true;
		return this;
	}

	/** Notes that ClickHouse ran the statement of {@code queryId}, as an earlier process would have. */
	public void ranBefore(String queryId) {
		this.queryLog.put(queryId, true);
	}

	/** The query ids ClickHouse saw, in order. */
	public List<String> queryIds() {
		return List.copyOf(this.queryLog.keySet());
	}

	public void heal() {
		this.failing.clear();
		this.queryLogOff = false;
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
			public void run(MigrationStep step, String sql, String module, StatementId id, Verdict before)
					throws Exception {
				String what = step.isSql() ? sql : step.label();
				List<Integer> refused = FakeTargets.this.refusals.getOrDefault(what, List.of());
				if (!refused.isEmpty()) {
					FakeTargets.this.journal.add("refused " + what);
					throw error(refused.remove(0));
				}
				if (FakeTargets.this.failing.contains(what)) {
					FakeTargets.this.queryLog.put(id.queryId(), false);
					throw new SQLException("Code: 60. DB::Exception: Table db.missing does not exist. (UNKNOWN_TABLE)");
				}
				Boolean lostAfterRunning = FakeTargets.this.losing.remove(what);
				if (Boolean.FALSE.equals(lostAfterRunning)) {
					throw new SQLException("Failed to connect", new ConnectException("Connection refused"));
				}
				FakeTargets.this.journal.add("run " + what
						+ (before.javaWrites().isEmpty() ? "" : " skipping writes " + before.javaWrites().keySet()));
				FakeTargets.this.queryLog.put(id.queryId(), true);
				Integer after = FakeTargets.this.errorsAfterRunning.remove(what);
				if (after != null) {
					throw error(after);
				}
				if (lostAfterRunning != null) {
					throw new SQLException("Failed to read the answer", new SocketTimeoutException("Read timed out"));
				}
			}

			@Override
			public Verdict verdict(StatementId id, String sql, Throwable answer) {
				FakeTargets.this.journal.add("ask " + id.prefix());
				Verdict said = FakeTargets.this.verdicts.get((sql != null) ? sql : "java");
				if (said != null) {
					return said;
				}
				if (FakeTargets.this.queryLogOff) {
					return Verdict.unknown("system.query_log is off");
				}
				int last = 0;
				for (Map.Entry<String, Boolean> query : FakeTargets.this.queryLog.entrySet()) {
					if (query.getKey().startsWith(id.prefix())) {
						int attempt = Integer.parseInt(query.getKey().substring(id.prefix().length()));
						if (query.getValue()) {
							return Verdict.finished(attempt);
						}
						last = Math.max(last, attempt);
					}
				}
				return new Verdict((last > 0) ? Verdict.Kind.FAILED : Verdict.Kind.NOT_STARTED, last, "failed");
			}

			private SQLException error(int code) {
				return new SQLException("Code: " + code + ". DB::Exception: Injected. (INJECTED) (version 26.7.3.1)");
			}

			@Override
			public Retry retry() {
				return new Retry(3, Duration.ofSeconds(1), Duration.ofMillis(1));
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
