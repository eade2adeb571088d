package org.clickhousemigrations.autoconfigure.command;

import org.clickhousemigrations.LintReport;
import org.clickhousemigrations.LintReport.Finding;
import org.clickhousemigrations.LintReport.Severity;
import org.clickhousemigrations.autoconfigure.report.LintDocument;

/**
 * {@code lint}: what the pending migrations (every one with {@code lint.scope=all}) would do to
 * production, read from the migrations and the server; exit 1 with an error, 2 with warnings when
 * {@code lint.fail-on=warning}, else 0.
 */
final class LintCommand implements Command {

	@Override
	public String verb() {
		return "lint";
	}

	@Override
	public boolean writesSarif() {
		return true;
	}

	@Override
	public int run(CommandContext context) {
		String target = context.arguments().getTarget();
		String module = null;
		String version = null;
		if (target != null && !target.isBlank()) {
			module = target.contains(":") ? target.substring(0, target.indexOf(':')).trim() : target.trim();
			version = target.contains(":") ? target.substring(target.indexOf(':') + 1).trim() : null;
		}
		LintReport report = context.migrations().lint(module, version);
		switch (context.arguments().getOutput()) {
			case JSON -> context.printJson(LintDocument.json(report));
			case SARIF -> context.printJson(LintDocument.sarif(report, context.location()));
			default -> context.out().print(text(report));
		}
		if (report.errors() > 0) {
			context.err().println("clickhouse-migrations lint failed: " + summary(report));
			return 1;
		}
		if (context.arguments().getLint().getFailOn() == Severity.WARNING && report.warnings() > 0) {
			context.err().println("clickhouse-migrations lint failed (lint.fail-on=warning): " + summary(report));
			return 2;
		}
		return 0;
	}

	static String text(LintReport report) {
		StringBuilder out = new StringBuilder();
		for (Finding finding : report.findings()) {
			out.append(finding.severity().id()).append(' ').append(finding.rule()).append(" at ")
				.append(finding.migration()).append(" (").append(finding.location()).append(") on database '")
				.append(finding.database()).append("'\n");
			finding.statement().lines().forEach((line) -> out.append("    ").append(line).append('\n'));
			out.append("  ").append(finding.message()).append('\n');
			out.append("  fix: ").append(finding.fix()).append('\n');
		}
		for (Finding finding : report.suppressed()) {
			out.append("allowed ").append(finding.rule()).append(" at ").append(finding.migration()).append(" (")
				.append(finding.location()).append("): ").append(finding.reason()).append('\n');
		}
		out.append("Lint: ").append(summary(report)).append('\n');
		return out.toString();
	}

	private static String summary(LintReport report) {
		return count(report.errors(), "error") + ", " + count(report.warnings(), "warning") + ", "
				+ count(report.findings().size() - report.errors() - report.warnings(), "note") + ", "
				+ report.suppressed().size() + " allowed";
	}

	private static String count(long n, String what) {
		return n + " " + what + ((n == 1) ? "" : "s");
	}

}
