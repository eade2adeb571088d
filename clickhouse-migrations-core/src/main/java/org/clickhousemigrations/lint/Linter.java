package org.clickhousemigrations.lint;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.clickhousemigrations.AllowLint;
import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.LintReport;
import org.clickhousemigrations.LintReport.Finding;
import org.clickhousemigrations.LintReport.Severity;
import org.clickhousemigrations.LintSettings;
import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.model.MigrationType;
import org.clickhousemigrations.sql.ClickHouseErrors;
import org.clickhousemigrations.sql.Placeholders;
import org.clickhousemigrations.sql.StatementTarget;

/**
 * Checks the statements of migrations against the rules ({@link LintRule}) and the ClickHouse they
 * will run on, asking that server read-only questions only: first whether it can parse each
 * statement, then what each would do to the tables it names. Findings take the severity the
 * settings give their rule; a {@code -- lint: allow <rule> <reason>} line above a statement, or
 * {@link AllowLint} on a Java migration, moves them to the suppressed list with the reason.
 */
public final class Linter {

	private static final Pattern ALLOW = Pattern.compile("(?m)^\\s*--\\s*lint:\\s*allow\\s+([\\w-]+)[ \\t]*(.*?)\\s*$");

	private static final List<Check> CHECKS = List.of(new DataLossChecks(), new ViewChecks(), new CostChecks(),
			new TopologyChecks());

	private final LintSettings settings;

	private final ClassLoader classLoader;

	/**
	 * @param classLoader where the classes of Java migrations are, for their {@link AllowLint}s
	 * @throws IllegalArgumentException naming a configured rule that does not exist
	 */
	public Linter(LintSettings settings, ClassLoader classLoader) {
		settings.rules().keySet().forEach((id) -> {
			if (LintRule.of(id).isEmpty()) {
				throw new IllegalArgumentException("clickhouse.migrations.lint.rules." + id + ": there is no rule '" + id
						+ "'; the rules are " + String.join(", ", LintRule.ids()));
			}
		});
		this.settings = settings;
		this.classLoader = classLoader;
	}

	/** How it checks, and what a migrate does with it. */
	public LintSettings settings() {
		return this.settings;
	}

	/**
	 * Lints the migrations, in order, as they would run on {@code database}.
	 * @param name the configured database, for the report
	 * @param cluster the configured cluster, or {@code null}
	 * @param placeholders what the statements' placeholders resolve to there
	 * @throws ClickHouseMigrationException when ClickHouse cannot be asked
	 */
	public LintReport lint(String name, DataSource database, String cluster, Placeholders placeholders,
			List<ResolvedMigration> migrations) {
		try (Connection connection = database.getConnection()) {
			return lint(name, new JdbcServerFacts(connection), cluster, placeholders, migrations);
		}
		catch (SQLException ex) {
			throw new ClickHouseMigrationException("Database '" + name + "' could not be linted: "
					+ ClickHouseErrors.describe(ex), ex);
		}
	}

	LintReport lint(String name, ServerFacts facts, String cluster, Placeholders placeholders,
			List<ResolvedMigration> migrations) {
		List<Finding> findings = new ArrayList<>();
		List<Finding> suppressed = new ArrayList<>();
		LintContext context = new LintContext(facts, cluster, this.settings.rewriteWarningBytes());
		Map<String, String> parseErrors = facts.parseErrors(migrations.stream()
			.flatMap((migration) -> migration.steps().stream())
			.filter(MigrationStep::isSql)
			.map((step) -> parsed(placeholders.resolve(step.sql())))
			.toList());
		for (ResolvedMigration migration : migrations) {
			Map<String, String> allowedByClass = allowed(migration);
			context.repeatable = migration.version().isRepeatable();
			context.previous = null;
			for (MigrationStep step : migration.steps()) {
				if (!step.isSql()) {
					context.previous = null;
					continue;
				}
				String sql = placeholders.resolve(step.sql());
				context.location = (step.line() > 0) ? migration.script() + ":" + step.line() : migration.script();
				LintStatement statement = LintStatement.of(sql);
				String parseError = parseErrors.get(parsed(sql));
				if (parseError != null) {
					context.report(LintRule.SYNTAX, "ClickHouse cannot parse it: " + parseError,
							"correct the statement; nothing runs until it parses");
				}
				else {
					CHECKS.forEach((check) -> check.check(statement, context));
				}
				Map<String, String> allowed = new HashMap<>(allowedByClass);
				allowed.putAll(allowedByComment(step.sql()));
				String shown = placeholders.secrets().mask(sql);
				for (LintContext.Raw raw : context.take()) {
					Severity severity = this.settings.rules().getOrDefault(raw.rule().id(), raw.rule().severity());
					if (severity == Severity.OFF) {
						continue;
					}
					String reason = allowed.get(raw.rule().id());
					Finding finding = new Finding(raw.rule().id(), severity, name, migration.key().toString(),
							migration.script(), step.line(), shown, raw.message(), raw.fix(), reason);
					((reason != null) ? suppressed : findings).add(finding);
				}
				context.previous = statement;
			}
		}
		return new LintReport(findings, suppressed);
	}

	// What ClickHouse is asked to parse: the statement without its leading comments.
	private static String parsed(String sql) {
		return StatementTarget.withoutLeadingComments(sql);
	}

	// rule -> reason, of the '-- lint: allow' lines in the statement's leading comments.
	static Map<String, String> allowedByComment(String sql) {
		Matcher leading = StatementTarget.LEADING_COMMENTS.matcher(sql);
		Map<String, String> allowed = new HashMap<>();
		if (leading.lookingAt()) {
			Matcher allow = ALLOW.matcher(leading.group());
			while (allow.find()) {
				if (!allow.group(2).isEmpty()) {
					allowed.put(allow.group(1), allow.group(2));
				}
			}
		}
		return allowed;
	}

	private Map<String, String> allowed(ResolvedMigration migration) {
		Map<String, String> allowed = new HashMap<>();
		if (migration.type() != MigrationType.JAVA) {
			return allowed;
		}
		try {
			Class<?> type = Class.forName(migration.script(), false, this.classLoader);
			for (AllowLint allow : type.getAnnotationsByType(AllowLint.class)) {
				allowed.put(allow.rule(), allow.reason());
			}
		}
		catch (ClassNotFoundException | LinkageError ex) {
			// A migration made by a custom factory need not be a class: nothing is allowed then.
		}
		return allowed;
	}

}
