package org.clickhousemigrations;

import java.util.List;
import java.util.Locale;

/**
 * What lint found in the migrations it checked: what each statement would do to production, known
 * before it runs.
 *
 * @param findings the findings, in the order of the databases, migrations and statements
 * @param suppressed the findings a {@code -- lint: allow} line or {@link AllowLint} turned off, each with
 * its reason
 */
public record LintReport(List<Finding> findings, List<Finding> suppressed) {

	public LintReport {
		findings = List.copyOf(findings);
		suppressed = List.copyOf(suppressed);
	}

	/** The number of findings of severity error. */
	public long errors() {
		return count(Severity.ERROR);
	}

	/** The number of findings of severity warning. */
	public long warnings() {
		return count(Severity.WARNING);
	}

	private long count(Severity severity) {
		return this.findings.stream().filter((finding) -> finding.severity() == severity).count();
	}

	/** How much a finding matters; a rule set to {@link #OFF} reports nothing. */
	public enum Severity {

		OFF, INFO, WARNING, ERROR;

		/** The name in reports and configuration: {@code error}, {@code warning}, {@code info}, {@code off}. */
		public String id() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * One finding.
	 *
	 * @param rule the rule id, e.g. {@code drop-table}
	 * @param severity how much it matters
	 * @param database the configured database
	 * @param migration the migration, {@code module:version}
	 * @param script the file or class
	 * @param line the line of the statement in the file, 0 when not known (a Java migration)
	 * @param statement the statement, placeholders resolved and secrets masked
	 * @param message what it would do and why that matters
	 * @param fix what to write instead
	 * @param reason of a suppressed finding, the reason given; {@code null} otherwise
	 */
	public record Finding(String rule, Severity severity, String database, String migration, String script, int line,
			String statement, String message, String fix, String reason) {

		/** The place, {@code script:line} (or the script alone). */
		public String location() {
			return (this.line > 0) ? this.script + ":" + this.line : this.script;
		}

	}

}
