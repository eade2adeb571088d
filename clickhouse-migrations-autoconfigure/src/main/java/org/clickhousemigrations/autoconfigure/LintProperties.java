package org.clickhousemigrations.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.clickhousemigrations.LintReport.Severity;
import org.clickhousemigrations.LintSettings;

import org.springframework.util.unit.DataSize;

/** Lint: what it checks, how loud each rule is, and what a migrate does with it. */
public class LintProperties {

	/** Which migrations lint checks: pending, or all. */
	private Scope scope = Scope.PENDING;

	/** The severity of each rule that differs from its own: off, info, warning or error, by rule id. */
	private Map<String, Severity> rules = new LinkedHashMap<>();

	/** Above this size read or rewritten by one statement (estimated from the table's parts), rewrite-cost warns. */
	private DataSize rewriteWarning = DataSize.ofGigabytes(10);

	/** What a migrate does with lint first: off, warn (log the findings) or fail (stop on an error before anything runs). */
	private LintSettings.OnMigrate onMigrate = LintSettings.OnMigrate.WARN;

	/** The settings of the engine. */
	public LintSettings toSettings() {
		return new LintSettings(this.scope == Scope.ALL, this.rules, this.rewriteWarning.toBytes(), this.onMigrate);
	}

	public Scope getScope() {
		return this.scope;
	}

	public void setScope(Scope scope) {
		this.scope = scope;
	}

	public Map<String, Severity> getRules() {
		return this.rules;
	}

	public void setRules(Map<String, Severity> rules) {
		this.rules = rules;
	}

	public DataSize getRewriteWarning() {
		return this.rewriteWarning;
	}

	public void setRewriteWarning(DataSize rewriteWarning) {
		this.rewriteWarning = rewriteWarning;
	}

	public LintSettings.OnMigrate getOnMigrate() {
		return this.onMigrate;
	}

	public void setOnMigrate(LintSettings.OnMigrate onMigrate) {
		this.onMigrate = onMigrate;
	}

	/** Which migrations lint checks. */
	public enum Scope {

		/** Those a migrate would run. */
		PENDING,

		/** Every migration found. */
		ALL

	}

}
