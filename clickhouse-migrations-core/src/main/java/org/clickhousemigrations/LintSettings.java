package org.clickhousemigrations;

import java.util.Map;

import org.clickhousemigrations.LintReport.Severity;

/**
 * How lint checks migrations.
 *
 * @param all whether every migration is checked, not only the pending ones
 * @param rules a severity per rule id that differs from the rule's own
 * @param rewriteWarningBytes {@code rewrite-cost} warns when a statement would read or rewrite more
 * than this many bytes
 * @param onMigrate what a migrate does with lint first
 */
public record LintSettings(boolean all, Map<String, Severity> rules, long rewriteWarningBytes, OnMigrate onMigrate) {

	/** Pending migrations, each rule at its own severity, 10 GB, warn on migrate. */
	public static final LintSettings DEFAULTS = new LintSettings(false, Map.of(), 10L * 1024 * 1024 * 1024,
			OnMigrate.WARN);

	public LintSettings {
		rules = Map.copyOf(rules);
	}

	/** What a migrate does with lint before it runs anything. */
	public enum OnMigrate {

		/** Nothing. */
		OFF,

		/** Logs each finding, and migrates. */
		WARN,

		/** Logs each finding, and stops before anything is written when one is an error. */
		FAIL

	}

}
