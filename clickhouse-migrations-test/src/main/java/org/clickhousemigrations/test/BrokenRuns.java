package org.clickhousemigrations.test;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import javax.sql.DataSource;

/**
 * The crash and lost-answer checks of {@link MigrationsVerifier}: every statement of the
 * uninterrupted run broken once (the run stopped right after ClickHouse answered it, or its answer
 * lost), each ending compared with the uninterrupted run.
 */
final class BrokenRuns {

	// chm_<hash>_<module>_<version>_<f|r><n>_a<attempt>[_r<n>|_w<n>_<sum>|_done], or ..._c<hash> of a chunk
	private static final Pattern QUERY_ID = Pattern
		.compile("chm_[0-9a-f]+_(.+)_([^_]+)_([fr])(\\d+)_(?:a\\d+(_r\\d+|_w(\\d+)_\\w+|_done)?|(c)[0-9a-f]{16})");

	private final VerifierServer server;

	private final VerifierRuns runs;

	private final int parallelism;

	private final VerifierChecks.Baseline baseline;

	private final Function<String, String> databases;

	private final VerifierChecks.Findings findings;

	private final Consumer<String> notes;

	/**
	 * @param databases makes a database of its own for a run, from a name prefix
	 * @param notes where what was checked is said, for the summary
	 */
	BrokenRuns(VerifierServer server, VerifierRuns runs, int parallelism, VerifierChecks.Baseline baseline,
			Function<String, String> databases, VerifierChecks.Findings findings, Consumer<String> notes) {
		this.server = server;
		this.runs = runs;
		this.parallelism = parallelism;
		this.baseline = baseline;
		this.databases = databases;
		this.findings = findings;
		this.notes = notes;
	}

	/*
	 * Every statement k broken once. The statements are split into as many ranges as run at once;
	 * each range goes in one database: a crash right after each of its statements in turn (every run
	 * after the first is stopped right after its first statement), or every answer in it lost, then
	 * the state compared with the uninterrupted run. A range that ends otherwise is run again point by
	 * point, each in a database of its own, to name the statement.
	 */
	Void run(boolean crash) {
		int total = this.baseline.statements().size();
		int ranges = Math.max(1, Math.min(this.parallelism, total));
		ExecutorService pool = Executors.newFixedThreadPool(ranges);
		AtomicInteger broken = new AtomicInteger();
		try {
			List<Future<?>> all = new ArrayList<>();
			for (int r = 0; r < ranges; r++) {
				int from = 1 + r * total / ranges;
				int to = (r + 1) * total / ranges;
				all.add(pool.submit(() -> {
					if (from <= to && !range(from, to, crash)) {
						for (int k = from; k <= to; k++) {
							if (fault(k, crash)) {
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
		this.notes.accept((crash ? VerifierChecks.CRASH : VerifierChecks.LOST_ANSWERS) + ": " + total + " statements in " + ranges + " databases, "
				+ broken.get() + " found different");
		return null;
	}

	// Whether statements from..to, broken one after another in one database, end as the uninterrupted run.
	private boolean range(int from, int to, boolean crash) {
		String database = this.databases.apply(crash ? "verify_crash" : "verify_lost");
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
			return DatabaseState.read(direct, database, true).differences(this.baseline.state()).isEmpty();
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
	private boolean fault(int k, boolean crash) {
		String database = this.databases.apply(crash ? "verify_crash" : "verify_lost");
		DataSource direct = this.server.dataSource(database);
		String where = (crash ? "After a crash right after " : "With the answer of ") + statement(k)
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
					return this.findings.found(VerifierChecks.LOST_ANSWERS, where + ", the run failed: " + VerifierChecks.firstLine(ex), VerifierChecks.describe(ex));
				}
			}
			if (crash) {
				try {
					this.runs.apply(direct, direct, database, seeded, true);
				}
				catch (RuntimeException ex) {
					return this.findings.found(VerifierChecks.CRASH, where + ", the next run failed: " + VerifierChecks.firstLine(ex)
							+ advice(ex), VerifierChecks.describe(ex));
				}
			}
			List<String> differences = DatabaseState.read(direct, database, true).differences(this.baseline.state());
			if (!differences.isEmpty()) {
				return this.findings.found(crash ? VerifierChecks.CRASH : VerifierChecks.LOST_ANSWERS, where + ", " + differences.size() + " object"
						+ ((differences.size() == 1) ? " differs" : "s differ") + " from an uninterrupted run ("
						+ differences.get(0).lines().findFirst().orElse("") + ")", String.join("\n", differences));
			}
			return false;
		}
		catch (IOException | SQLException ex) {
			return this.findings.found(crash ? VerifierChecks.CRASH : VerifierChecks.LOST_ANSWERS, where + ", the state could not be read: " + VerifierChecks.firstLine(ex),
					VerifierChecks.describe(ex));
		}
	}

	// "statement 3 of events:2 (write 1 of its Java step)", from the query id the library gave it.
	private String statement(int k) {
		String queryId = this.baseline.statements().get(k - 1);
		Matcher matcher = QUERY_ID.matcher(queryId);
		if (!matcher.matches()) {
			return "statement " + k + " (" + queryId + ")";
		}
		String part = (matcher.group(7) != null) ? " (a chunk of its backfill)"
				: (matcher.group(6) != null) ? " (write " + matcher.group(6) + " of its Java step)"
				: (matcher.group(5) != null && matcher.group(5).startsWith("_r")) ? " (a read of its Java step)"
						: (matcher.group(5) != null) ? " (its end marker)" : "";
		return ("r".equals(matcher.group(3)) ? "rollback statement " : "statement ") + matcher.group(4) + " of "
				+ matcher.group(1) + ":" + matcher.group(2) + part + " [" + k + " of " + this.baseline.statements().size()
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

	private static void closeQuietly(FaultProxy proxy) {
		try {
			proxy.close();
		}
		catch (IOException ex) {
			// Closed already: the crash happened.
		}
	}

}
