package org.clickhousemigrations.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.LintReport;
import org.clickhousemigrations.LintReport.Finding;
import org.clickhousemigrations.LintReport.Severity;
import org.clickhousemigrations.LintSettings.OnMigrate;
import org.clickhousemigrations.MigrationInfo;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.execute.ExecutionTarget;
import org.clickhousemigrations.lint.Linter;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.sql.ClickHouseErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lint on one database: the report of the lint command, the findings a dry run shows, and the
 * check a migrate runs first ({@code lint.on-migrate}).
 */
final class DatabaseLint {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseLint.class);

	private final MigrationDatabase database;

	private final MigrationServices services;

	DatabaseLint(MigrationDatabase database, MigrationServices services) {
		this.database = database;
		this.services = services;
	}

	LintReport lint(List<ResolvedMigration> migrations) {
		Linter linter = this.services.linter();
		if (linter == null || migrations.isEmpty()) {
			return new LintReport(List.of(), List.of());
		}
		try (ExecutionTarget dry = this.services.targets().open(this.database, true)) {
			return linter.lint(this.database.name(), this.database.dataSource(), this.database.cluster(),
					dry.placeholders(), migrations);
		}
	}

	/**
	 * Before a migrate: logs each finding of what is pending; with {@code lint.on-migrate=fail} an
	 * error stops the run before anything is written.
	 * @throws ClickHouseMigrationException with {@code fail}, naming each error
	 */
	void beforeMigrate(List<MigrationInfo> pending) {
		Linter linter = this.services.linter();
		if (linter == null || linter.settings().onMigrate() == OnMigrate.OFF) {
			return;
		}
		boolean fail = linter.settings().onMigrate() == OnMigrate.FAIL;
		LintReport report;
		try {
			report = lint(pending.stream().map(MigrationInfo::resolved).toList());
		}
		catch (RuntimeException ex) {
			// Lint only advises unless it is to stop the run: a lint that cannot ask stops nothing.
			if (fail) {
				throw ex;
			}
			logger.warn("Database '{}': lint could not run, migrating anyway: {}", this.database.name(),
					ClickHouseErrors.describe(ex));
			return;
		}
		for (Finding finding : report.findings()) {
			String line = describe(finding);
			if (finding.severity() == Severity.ERROR) {
				logger.error(line);
			}
			else if (finding.severity() == Severity.WARNING) {
				logger.warn(line);
			}
			else {
				logger.info(line);
			}
		}
		if (fail && report.errors() > 0) {
			throw new ClickHouseMigrationException("Database '" + this.database.name() + "' was not migrated: lint "
					+ "found " + report.errors() + " error" + ((report.errors() == 1) ? "" : "s")
					+ " (clickhouse.migrations.lint.on-migrate=fail), nothing was run:\n" + report.findings().stream()
						.filter((finding) -> finding.severity() == Severity.ERROR)
						.map(DatabaseLint::describe)
						.collect(Collectors.joining("\n")));
		}
	}

	/** The findings as comment lines at the head of a dry run. */
	static List<String> notes(LintReport report) {
		List<String> notes = new ArrayList<>();
		report.findings().forEach((finding) -> notes.add("-- " + describe(finding).replace("\n", " ")));
		return notes;
	}

	/** {@code lint error drop-table at events:2 (V2__x.sql:4): drops table b ...; fix: ...}. */
	static String describe(Finding finding) {
		return "lint " + finding.severity().id() + " " + finding.rule() + " on database '" + finding.database()
				+ "' at " + finding.migration() + " (" + finding.location() + "): " + finding.message() + "; fix: "
				+ finding.fix();
	}

}
