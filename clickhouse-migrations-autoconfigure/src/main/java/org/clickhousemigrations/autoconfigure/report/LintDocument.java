package org.clickhousemigrations.autoconfigure.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.clickhousemigrations.LintReport;
import org.clickhousemigrations.LintReport.Finding;
import org.clickhousemigrations.lint.LintRule;

/**
 * A lint report as the documents the lint command prints: JSON of the documented shape, and SARIF
 * 2.1.0 (one result per finding, suppressed ones marked), which GitHub code scanning and IDEs read.
 */
public final class LintDocument {

	private static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

	private LintDocument() {
	}

	/** {@code {"findings": [...], "errors": n, "warnings": n, "suppressed": [...]}}. */
	public static Map<String, Object> json(LintReport report) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("findings", report.findings().stream().map((finding) -> finding(finding, false)).toList());
		document.put("errors", report.errors());
		document.put("warnings", report.warnings());
		document.put("suppressed", report.suppressed().stream().map((finding) -> finding(finding, true)).toList());
		return document;
	}

	/**
	 * SARIF 2.1.0.
	 * @param location the first migration location, to make each script a path from the project's root
	 * ({@code classpath:} below {@code src/main/resources}, Java classes below {@code src/main/java})
	 */
	public static Map<String, Object> sarif(LintReport report, String location) {
		List<Map<String, Object>> rules = new ArrayList<>();
		for (LintRule rule : LintRule.values()) {
			rules.add(Map.of("id", rule.id(), "shortDescription", Map.of("text", rule.summary()),
					"defaultConfiguration", Map.of("level", level(rule.severity()))));
		}
		List<Map<String, Object>> results = new ArrayList<>();
		report.findings().forEach((finding) -> results.add(result(finding, location)));
		report.suppressed().forEach((finding) -> results.add(result(finding, location)));
		Map<String, Object> driver = new LinkedHashMap<>();
		driver.put("name", "clickhouse-migrations");
		driver.put("informationUri", "https://github.com/clickhouse-migrations/clickhouse-migrations#lint");
		driver.put("rules", rules);
		Map<String, Object> run = new LinkedHashMap<>();
		run.put("tool", Map.of("driver", driver));
		run.put("results", results);
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("$schema", SARIF_SCHEMA);
		document.put("version", "2.1.0");
		document.put("runs", List.of(run));
		return document;
	}

	private static Map<String, Object> finding(Finding finding, boolean withReason) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("rule", finding.rule());
		document.put("severity", finding.severity().id());
		document.put("database", finding.database());
		document.put("migration", finding.migration());
		document.put("script", finding.script());
		document.put("line", finding.line());
		document.put("statement", finding.statement());
		document.put("message", finding.message());
		document.put("fix", finding.fix());
		if (withReason) {
			document.put("reason", finding.reason());
		}
		return document;
	}

	private static Map<String, Object> result(Finding finding, String location) {
		Map<String, Object> physical = new LinkedHashMap<>();
		physical.put("artifactLocation", Map.of("uri", uri(finding.script(), location)));
		if (finding.line() > 0) {
			physical.put("region", Map.of("startLine", finding.line()));
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("ruleId", finding.rule());
		result.put("level", level(finding.severity()));
		result.put("message", Map.of("text", finding.message() + ". Fix: " + finding.fix() + " (database '"
				+ finding.database() + "', migration " + finding.migration() + ")"));
		result.put("locations", List.of(Map.of("physicalLocation", physical)));
		if (finding.reason() != null) {
			result.put("suppressions", List.of(Map.of("kind", "inSource", "justification", finding.reason())));
		}
		return result;
	}

	private static String level(LintReport.Severity severity) {
		return switch (severity) {
			case ERROR -> "error";
			case WARNING -> "warning";
			default -> "note";
		};
	}

	// events/V1__x.sql under classpath:db/clickhouse -> src/main/resources/db/clickhouse/events/V1__x.sql
	static String uri(String script, String location) {
		if (!script.contains("/") && !script.endsWith(".sql") && script.contains(".")) {
			return "src/main/java/" + script.replace('.', '/') + ".java";
		}
		String root = location.startsWith("classpath:") ? "src/main/resources/" + location.substring(10)
				: location.startsWith("filesystem:") ? location.substring(11) : location;
		root = root.replaceAll("^/+|/+$", "");
		return root.isEmpty() ? script : root + "/" + script;
	}

}
