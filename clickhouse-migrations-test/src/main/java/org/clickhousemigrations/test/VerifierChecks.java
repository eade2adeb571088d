package org.clickhousemigrations.test;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.LintReport;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.test.VerificationReport.Finding;

/**
 * The checks of {@link MigrationsVerifier}, each run in databases of its own on one server: lint,
 * an uninterrupted run to compare with, the round trip, and a run broken at every statement (a
 * crash, or a lost answer).
 */
final class VerifierChecks {

	static final String LINT = "lint";

	static final String ROUND_TRIP = "round trip";

	static final String CRASH = "crash at every statement";

	static final String LOST_ANSWERS = "lost answers";

	private static final String APPLY = "apply to an empty database";

	// chm_<hash>_<module>_<version>_<f|r><n>_a<attempt>[_r<n>|_w<n>_<sum>|_done], or ..._c<hash> of a chunk
	private static final Pattern QUERY_ID = Pattern
		.compile("chm_[0-9a-f]+_(.+)_([^_]+)_([fr])(\\d+)_(?:a\\d+(_r\\d+|_w(\\d+)_\\w+|_done)?|(c)[0-9a-f]{16})");

	private final VerifierServer server;

	private final VerifierRuns runs;

	private final int parallelism;

	private final List<Finding> findings = Collections.synchronizedList(new ArrayList<>());

	private final Map<String, Duration> timings = new LinkedHashMap<>();

	private final List<String> notes = new ArrayList<>();

	private final List<String> databases = Collections.synchronizedList(new ArrayList<>());

	VerifierChecks(VerifierServer server, VerifierRuns runs, int parallelism) {
		this.server = server;
		this.runs = runs;
		this.parallelism = parallelism;
	}

	VerificationReport run(List<String> checks) {
		try {
			if (checks.contains(LINT)) {
				timed(LINT, () -> {
					lint();
					return null;
				});
			}
			Baseline baseline = timed(APPLY, this::baseline);
			if (baseline != null) {
				if (checks.contains(ROUND_TRIP)) {
					timed(ROUND_TRIP, () -> {
						new RoundTrip().run();
						return null;
					});
				}
				if (checks.contains(CRASH)) {
					timed(CRASH, () -> faults(baseline, true));
				}
				if (checks.contains(LOST_ANSWERS)) {
					timed(LOST_ANSWERS, () -> faults(baseline, false));
				}
			}
		}
		finally {
			this.databases.forEach(this.server::dropDatabase);
		}
		return new VerificationReport(this.findings, this.timings, this.notes);
	}

	private void lint() {
		String database = database("verify_lint");
		LintReport report = this.runs.engine(this.server.dataSource(database)).lint(null, null);
		for (LintReport.Finding finding : report.findings()) {
			if (finding.severity() == LintReport.Severity.ERROR) {
				this.findings.add(new Finding(LINT, finding.migration() + " (" + finding.location() + "): "
						+ finding.rule() + ": " + finding.message() + ".", finding.statement() + "\n   fix: "
								+ finding.fix()));
			}
		}
		this.notes.add("lint: " + report.errors() + " errors, " + report.warnings() + " warnings, "
				+ report.suppressed().size() + " allowed");
	}

	/** The uninterrupted run: its statements and what it leaves. */
	private record Baseline(List<String> statements, DatabaseState state) {
	}

	private Baseline baseline() {
		String database = database("verify_base");
		try (FaultProxy proxy = new FaultProxy(this.server.http())) {
			this.runs.apply(this.server.dataSource(proxy, database), this.server.dataSource(database), database,
					VerifierRuns.newSeeded(), false);
			DatabaseState state = DatabaseState.read(this.server.dataSource(database), database, true);
			this.notes.add(this.runs.migrations(this.server.dataSource(database)).size() + " migrations, "
					+ proxy.statements().size() + " statements" + (this.runs.seeded() ? ", with seed data" : "") + ", "
					+ state.schema().size() + " objects");
			return new Baseline(proxy.statements(), state);
		}
		catch (RuntimeException | IOException | SQLException ex) {
			this.findings.add(new Finding(APPLY, "The migrations do not apply to an empty database"
					+ (this.runs.seeded() ? " with the seed data" : "") + ": " + firstLine(ex), describe(ex)));
			return null;
		}
	}

	/*
	 * Every statement k broken once. The statements are split into as many ranges as run at once;
	 * each range goes in one database: a crash right after each of its statements in turn (every run
	 * after the first is stopped right after its first statement), or every answer in it lost, then
	 * the state compared with the uninterrupted run. A range that ends otherwise is run again point by
	 * point, each in a database of its own, to name the statement.
	 */
	private Void faults(Baseline baseline, boolean crash) {
		int total = baseline.statements().size();
		int ranges = Math.max(1, Math.min(this.parallelism, total));
		ExecutorService pool = Executors.newFixedThreadPool(ranges);
		AtomicInteger broken = new AtomicInteger();
		try {
			List<Future<?>> all = new ArrayList<>();
			for (int r = 0; r < ranges; r++) {
				int from = 1 + r * total / ranges;
				int to = (r + 1) * total / ranges;
				all.add(pool.submit(() -> {
					if (from <= to && !range(baseline, from, to, crash)) {
						for (int k = from; k <= to; k++) {
							if (fault(baseline, k, crash)) {
								broken.incrementAndGet();
							}
						}
					}
				}));
			}
			for (Future<?> each : all) {
				each.get();
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			pool.shutdownNow();
		}
		this.notes.add((crash ? CRASH : LOST_ANSWERS) + ": " + total + " statements in " + ranges + " databases, "
				+ broken.get() + " found different");
		return null;
	}

	// Whether statements from..to, broken one after another in one database, end as the uninterrupted run.
	private boolean range(Baseline baseline, int from, int to, boolean crash) {
		String database = database(crash ? "verify_crash" : "verify_lost");
		DataSource direct = this.server.dataSource(database);
		var seeded = VerifierRuns.newSeeded();
		try {
			if (crash) {
				for (int k = from; k <= to; k++) {
					if (!crashAfter((k == from) ? from : 1, k != from, database, direct, seeded)) {
						return false;
					}
				}
			}
			else {
				try (FaultProxy proxy = new FaultProxy(this.server.http())) {
					proxy.loseAnswers(IntStream.rangeClosed(from, to).toArray());
					this.runs.apply(this.server.dataSource(proxy, database), direct, database, seeded, false);
				}
			}
			this.runs.apply(direct, direct, database, seeded, crash);
			return DatabaseState.read(direct, database, true).differences(baseline.state()).isEmpty();
		}
		catch (RuntimeException | IOException | SQLException ex) {
			return false;
		}
	}

	// One run stopped right after its k-th statement; false when it ended any other way.
	private boolean crashAfter(int k, boolean afterCrash, String database, DataSource direct, Set<Integer> seeded)
			throws IOException {
		AtomicBoolean killed = new AtomicBoolean();
		try (FaultProxy proxy = new FaultProxy(this.server.http())) {
			proxy.afterAnswer(k, () -> {
				killed.set(true);
				closeQuietly(proxy);
			});
			try {
				this.runs.apply(this.server.dataSource(proxy, database), direct, database, seeded, afterCrash);
			}
			catch (RuntimeException ex) {
				return killed.get();
			}
			return false;
		}
	}

	// Returns whether a finding was made.
	private boolean fault(Baseline baseline, int k, boolean crash) {
		String database = database(crash ? "verify_crash" : "verify_lost");
		DataSource direct = this.server.dataSource(database);
		String where = (crash ? "After a crash right after " : "With the answer of ") + statement(baseline, k)
				+ (crash ? "" : " lost");
		var seeded = VerifierRuns.newSeeded();
		try (FaultProxy proxy = new FaultProxy(this.server.http())) {
			if (crash) {
				proxy.afterAnswer(k, () -> closeQuietly(proxy));
			}
			else {
				proxy.loseAnswers(k);
			}
			try {
				this.runs.apply(this.server.dataSource(proxy, database), direct, database, seeded, false);
			}
			catch (RuntimeException ex) {
				if (!crash) {
					return found(LOST_ANSWERS, where + ", the run failed: " + firstLine(ex), describe(ex));
				}
			}
			if (crash) {
				try {
					this.runs.apply(direct, direct, database, seeded, true);
				}
				catch (RuntimeException ex) {
					return found(CRASH, where + ", the next run failed: " + firstLine(ex)
							+ advice(ex), describe(ex));
				}
			}
			List<String> differences = DatabaseState.read(direct, database, true).differences(baseline.state());
			if (!differences.isEmpty()) {
				return found(crash ? CRASH : LOST_ANSWERS, where + ", " + differences.size() + " object"
						+ ((differences.size() == 1) ? " differs" : "s differ") + " from an uninterrupted run ("
						+ differences.get(0).lines().findFirst().orElse("") + ")", String.join("\n", differences));
			}
			return false;
		}
		catch (IOException | SQLException ex) {
			return found(crash ? CRASH : LOST_ANSWERS, where + ", the state could not be read: " + firstLine(ex),
					describe(ex));
		}
	}

	/** Rolls each migration back right after applying it, then every module to 0 and all again. */
	private final class RoundTrip {

		private final String database = database("verify_trip");

		private final DataSource dataSource = VerifierChecks.this.server.dataSource(this.database);

		void run() {
			ClickHouseMigrations engine = VerifierChecks.this.runs.engine(this.dataSource);
			List<ResolvedMigration> migrations = engine.resolved();
			Map<String, String> previous = new LinkedHashMap<>();
			boolean allUndone = true;
			for (ResolvedMigration migration : migrations) {
				if (migration.version().isRepeatable()) {
					continue;
				}
				String before = previous.getOrDefault(migration.module(), "0");
				DatabaseState schema = state();
				if (!apply(engine, migration, "")) {
					return;
				}
				try {
					engine.rollback("main", migration.module(), before);
				}
				catch (RuntimeException ex) {
					allUndone = false;
					found(ROUND_TRIP, migration.key() + " (" + migration.script() + ") cannot be rolled back: "
							+ firstLine(ex), describe(ex));
					previous.put(migration.module(), migration.version().toString());
					continue;
				}
				List<String> left = state().differences(schema);
				if (!left.isEmpty()) {
					found(ROUND_TRIP, "Rolling back " + migration.key() + " (" + migration.script() + ") does not "
							+ "restore the schema before it: " + left.get(0).lines().findFirst().orElse(""),
							String.join("\n", left));
				}
				if (!apply(engine, migration, " again after its rollback")) {
					return;
				}
				previous.put(migration.module(), migration.version().toString());
			}
			if (!allUndone) {
				return;
			}
			engine.migrate();
			DatabaseState first = state();
			List<String> modules = new ArrayList<>(previous.keySet());
			Collections.reverse(modules);
			modules.forEach((module) -> engine.rollback("main", module, "0"));
			engine.migrate();
			List<String> differences = state().differences(first);
			if (!differences.isEmpty()) {
				found(ROUND_TRIP, "After rolling every module back to 0 and applying all again, the schema differs: "
						+ differences.get(0).lines().findFirst().orElse(""), String.join("\n", differences));
			}
		}

		// False, with a finding, when it fails: the round trip cannot go on.
		private boolean apply(ClickHouseMigrations engine, ResolvedMigration migration, String when) {
			try {
				engine.migrate(migration.key());
				return true;
			}
			catch (RuntimeException ex) {
				found(ROUND_TRIP, "Applying " + migration.key() + " (" + migration.script() + ")" + when + " failed: "
						+ firstLine(ex), describe(ex));
				return false;
			}
		}

		private DatabaseState state() {
			try {
				return DatabaseState.read(this.dataSource, this.database, false);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("the schema could not be read: " + ex.getMessage(), ex);
			}
		}

	}

	// "statement 3 of events:2 (write 1 of its Java step)", from the query id the library gave it.
	private static String statement(Baseline baseline, int k) {
		String queryId = baseline.statements().get(k - 1);
		Matcher matcher = QUERY_ID.matcher(queryId);
		if (!matcher.matches()) {
			return "statement " + k + " (" + queryId + ")";
		}
		String part = (matcher.group(7) != null) ? " (a chunk of its backfill)"
				: (matcher.group(6) != null) ? " (write " + matcher.group(6) + " of its Java step)"
				: (matcher.group(5) != null && matcher.group(5).startsWith("_r")) ? " (a read of its Java step)"
						: (matcher.group(5) != null) ? " (its end marker)" : "";
		return ("r".equals(matcher.group(3)) ? "rollback statement " : "statement ") + matcher.group(4) + " of "
				+ matcher.group(1) + ":" + matcher.group(2) + part + " [" + k + " of " + baseline.statements().size()
				+ "]";
	}

	private static String advice(RuntimeException ex) {
		String message = String.valueOf(ex.getMessage());
		if (message.contains("Java step") || message.contains("java:")) {
			return ". Make the Java step safe to run again: write through MigrationContext.jdbc() with statements "
					+ "whose text does not change between runs (no now(), random values or counts read first), or "
					+ "split it into SQL statements";
		}
		return "";
	}

	private boolean found(String check, String sentence, String details) {
		this.findings.add(new Finding(check, sentence, details));
		return true;
	}

	private String database(String prefix) {
		String database = this.server.createDatabase(prefix);
		this.databases.add(database);
		return database;
	}

	private <T> T timed(String check, Supplier<T> work) {
		long start = System.nanoTime();
		try {
			return work.get();
		}
		finally {
			this.timings.put(check, Duration.ofNanos(System.nanoTime() - start));
		}
	}

	private static void closeQuietly(FaultProxy proxy) {
		try {
			proxy.close();
		}
		catch (IOException ex) {
			// Closed already: the crash happened.
		}
	}

	private static String firstLine(Throwable ex) {
		return String.valueOf(ex.getMessage()).lines().findFirst().orElse(ex.getClass().getName());
	}

	private static String describe(Throwable ex) {
		StringBuilder text = new StringBuilder(String.valueOf(ex.getMessage()));
		for (Throwable cause = ex.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
			text.append("\n   caused by: ").append(cause.getMessage());
		}
		return text.toString();
	}

}
