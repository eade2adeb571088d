package org.clickhousemigrations.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import org.clickhousemigrations.LintReport.Severity;
import org.clickhousemigrations.LintSettings;
import org.clickhousemigrations.resolve.JavaMigrationFactory;

/**
 * Checks a project's own migrations in an ordinary JUnit test, on a real ClickHouse (the embedded
 * one, or {@code CLICKHOUSE_URL}), each run in a database of its own:
 *
 * <pre>
 * MigrationsVerifier.forLocations("classpath:db/clickhouse")
 *     .roundTrip().crashAtEveryStatement().lostAnswers().lint()
 *     .verify();
 * </pre>
 *
 * {@link #verify()} returns when every check holds and otherwise throws an {@link AssertionError}
 * whose first lines say what is wrong, one sentence per finding, followed by the full differences.
 * With no check chosen, the migrations are only applied to an empty database.
 */
public final class MigrationsVerifier {

	private final List<String> locations;

	private boolean roundTrip;

	private boolean crash;

	private boolean lostAnswers;

	private boolean lint;

	private String seed;

	private DataSource dataSource;

	private ClassLoader classLoader = Thread.currentThread().getContextClassLoader();

	private JavaMigrationFactory javaMigrations = JavaMigrationFactory.REFLECTION;

	private Map<String, String> placeholders = Map.of();

	private Map<String, Severity> lintRules = Map.of();

	// Runs mostly wait for ClickHouse, so more of them than cores.
	private int parallelism = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

	private MigrationsVerifier(List<String> locations) {
		this.locations = List.copyOf(locations);
	}

	/** The migrations below these locations ({@code classpath:} or {@code filesystem:}), as the library finds them. */
	public static MigrationsVerifier forLocations(String... locations) {
		if (locations.length == 0) {
			throw new IllegalArgumentException("name at least one location, e.g. classpath:db/clickhouse");
		}
		return new MigrationsVerifier(List.of(locations));
	}

	/**
	 * For each migration: the schema after rolling it back equals the schema before it was applied;
	 * then, after rolling every module back to 0, applying all again makes the same schema.
	 */
	public MigrationsVerifier roundTrip() {
		this.roundTrip = true;
		return this;
	}

	/**
	 * For each statement k: the run stops right after ClickHouse answered k (before the library heard
	 * it), as a killed process would, and the next run ends with the schema and data of an
	 * uninterrupted one.
	 */
	public MigrationsVerifier crashAtEveryStatement() {
		this.crash = true;
		return this;
	}

	/** For each statement k: its answer is lost on the way back; the same run ends with the same schema and data. */
	public MigrationsVerifier lostAnswers() {
		this.lostAnswers = true;
		return this;
	}

	/** Lint: an error finding (suppressions in the files honoured) fails the verification. */
	public MigrationsVerifier lint() {
		this.lint = true;
		return this;
	}

	/**
	 * Rows to migrate: each statement of {@code sql} (an {@code INSERT}, say) runs as soon as the table
	 * it fills exists, before the next migration, so that data migrations meet data; rows are then
	 * compared as well as the schema.
	 */
	public MigrationsVerifier seed(String sql) {
		this.seed = Objects.requireNonNull(sql, "sql");
		return this;
	}

	/** Runs on the server of this DataSource instead of the embedded one; it must say its URL and user. */
	public MigrationsVerifier on(DataSource dataSource) {
		this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
		return this;
	}

	/** How Java migrations are made: e.g. from the application's beans in a Spring test. */
	public MigrationsVerifier javaMigrations(JavaMigrationFactory javaMigrations) {
		this.javaMigrations = Objects.requireNonNull(javaMigrations, "javaMigrations");
		return this;
	}

	/** Where the Java migrations' classes are; the thread's context class loader unless set. */
	public MigrationsVerifier classLoader(ClassLoader classLoader) {
		this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
		return this;
	}

	/** The placeholders the application configures. */
	public MigrationsVerifier placeholders(Map<String, String> placeholders) {
		this.placeholders = Map.copyOf(placeholders);
		return this;
	}

	/** Severities of lint rules, as {@code clickhouse.migrations.lint.rules.<rule>} gives them. */
	public MigrationsVerifier lintRules(Map<String, Severity> rules) {
		this.lintRules = Map.copyOf(rules);
		return this;
	}

	/** How many crash or lost-answer runs go at once, each in a database of its own. */
	public MigrationsVerifier parallelism(int parallelism) {
		if (parallelism < 1) {
			throw new IllegalArgumentException("parallelism must be at least 1");
		}
		this.parallelism = parallelism;
		return this;
	}

	/**
	 * Runs the chosen checks.
	 * @throws AssertionError naming each failed check, migration and statement, with the differences
	 */
	public void verify() {
		VerifierServer server = (this.dataSource != null) ? VerifierServer.of(this.dataSource)
				: VerifierServer.of(EmbeddedClickHouse.shared());
		// Every migration is linted by the lint check; no migrate of the other checks lints again.
		LintSettings settings = new LintSettings(true, this.lintRules, LintSettings.DEFAULTS.rewriteWarningBytes(),
				LintSettings.OnMigrate.OFF);
		VerifierRuns runs = new VerifierRuns(this.locations, this.classLoader, this.javaMigrations, this.placeholders,
				settings, this.seed);
		List<String> checks = new ArrayList<>();
		if (this.lint) {
			checks.add(VerifierChecks.LINT);
		}
		if (this.roundTrip) {
			checks.add(VerifierChecks.ROUND_TRIP);
		}
		if (this.crash) {
			checks.add(VerifierChecks.CRASH);
		}
		if (this.lostAnswers) {
			checks.add(VerifierChecks.LOST_ANSWERS);
		}
		VerificationReport report = new VerifierChecks(server, runs, this.parallelism).run(checks);
		System.out.println(report.summary());
		if (!report.findings().isEmpty()) {
			throw new AssertionError(report.failure());
		}
	}

}
