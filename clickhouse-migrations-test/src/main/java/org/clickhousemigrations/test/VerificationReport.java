package org.clickhousemigrations.test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link MigrationsVerifier} found: one finding per problem (a sentence, then the details),
 * and how long each check took.
 *
 * @param findings what is wrong, in the order found
 * @param timings each check run, with its time
 * @param notes what was checked and how much, for the summary
 */
record VerificationReport(List<Finding> findings, Map<String, Duration> timings, List<String> notes) {

	VerificationReport {
		findings = List.copyOf(findings);
		timings = new LinkedHashMap<>(timings);
		notes = List.copyOf(notes);
	}

	/**
	 * One problem.
	 *
	 * @param check the check that found it
	 * @param sentence what is wrong, in one sentence
	 * @param details the full difference, or the error
	 */
	record Finding(String check, String sentence, String details) {
	}

	/** A line per check with its time, and what was checked. */
	String summary() {
		StringBuilder summary = new StringBuilder("MigrationsVerifier: ");
		summary.append(this.findings.isEmpty() ? "every check holds" : this.findings.size() + " finding"
				+ ((this.findings.size() == 1) ? "" : "s"));
		this.timings.forEach((check, time) -> summary.append("\n  ").append(check).append(": ")
			.append(String.format(Locale.ROOT, "%.1f s", time.toMillis() / 1000.0)));
		this.notes.forEach((note) -> summary.append("\n  ").append(note));
		return summary.toString();
	}

	/** The message of the AssertionError: the sentences first, then the details, then the summary. */
	String failure() {
		StringBuilder text = new StringBuilder();
		text.append(this.findings.size()).append((this.findings.size() == 1) ? " finding" : " findings")
			.append(" in the migrations:\n");
		for (int i = 0; i < this.findings.size(); i++) {
			text.append("  ").append(i + 1).append(". [").append(this.findings.get(i).check()).append("] ")
				.append(this.findings.get(i).sentence()).append('\n');
		}
		for (int i = 0; i < this.findings.size(); i++) {
			Finding finding = this.findings.get(i);
			if (!finding.details().isBlank()) {
				text.append("\n").append(i + 1).append(". ").append(finding.details().strip().replace("\n", "\n   "))
					.append('\n');
			}
		}
		return text.append('\n').append(summary()).toString();
	}

}
