package org.clickhousemigrations.test;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.clickhousemigrations.LintReport;
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

	/** Where the checks say what they found. */
	@FunctionalInterface
	interface Findings {

		/** Always true, so that a check can return it: a finding was made. */
		boolean found(String check, String sentence, String details);

	}

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
						String database = database("verify_trip");
						new RoundTrip(this.runs, this.server.dataSource(database), database, this::found).run();
						return null;
					});
				}
				BrokenRuns broken = new BrokenRuns(this.server, this.runs, this.parallelism, baseline, this::database,
						this::found, this.notes::add);
				if (checks.contains(CRASH)) {
					timed(CRASH, () -> broken.run(true));
				}
				if (checks.contains(LOST_ANSWERS)) {
					timed(LOST_ANSWERS, () -> broken.run(false));
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
	record Baseline(List<String> statements, DatabaseState state) {
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

	boolean found(String check, String sentence, String details) {
		this.findings.add(new Finding(check, sentence, details));
		return true;
	}

	String database(String prefix) {
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

	static String firstLine(Throwable ex) {
		return String.valueOf(ex.getMessage()).lines().findFirst().orElse(ex.getClass().getName());
	}

	static String describe(Throwable ex) {
		StringBuilder text = new StringBuilder(String.valueOf(ex.getMessage()));
		for (Throwable cause = ex.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
			text.append("\n   caused by: ").append(cause.getMessage());
		}
		return text.toString();
	}

}
