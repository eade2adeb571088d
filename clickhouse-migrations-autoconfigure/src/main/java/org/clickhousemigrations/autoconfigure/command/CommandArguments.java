package org.clickhousemigrations.autoconfigure.command;

import org.clickhousemigrations.LintReport.Severity;
import org.clickhousemigrations.model.StatementOutcome;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The arguments of one command-mode run, given as {@code --clickhouse.migrations.<key>} on the
 * command line: bound on their own, apart from the configuration of the library
 * ({@code ClickHouseMigrationsProperties}), which they share the prefix with.
 */
@ConfigurationProperties("clickhouse.migrations")
public class CommandArguments {

	/** Command to run instead of the boot-time migration: status, migrate, validate, dry-run, lint, rollback, repair, baseline, generate, diff, import, history, export or report. */
	private String command;

	/** Target of migrate, dry-run, rollback and baseline, as module:version; the module for generate, diff and import; module or module:version for lint. */
	private String target;

	/** Database that rollback, repair and baseline act on; the only one when a single database is configured. */
	private String database;

	/** Description of the migration that generate writes. */
	private String name;

	/** Kind of migration that generate writes: sql or java. */
	private String type = "sql";

	/** For generate: schema writes the statements that take the migrations to the declared schema; for import: the tool (flyway, golang-migrate, goose, dbmate, liquibase) or an exported .json file. */
	private String from;

	/** For generate --from=schema: write statements that drop tables or columns instead of commenting them out. */
	private boolean allowDrop;

	/** For repair: whether a statement whose outcome the history does not know ran or did not run. */
	private StatementOutcome outcome;

	/** For migrate, rollback and import: say what would be written or run, and write nothing. */
	private boolean dryRun;

	/** What commands print on standard output: text, json (status, validate, dry-run, lint, diff, history) or sarif (lint). */
	private Output output = Output.TEXT;

	/** For report and export: the file to write. */
	private String file;

	/** For generate: the shape of the migration (new-table, new-column, backfill, materialized-view). */
	private String template;

	private final Lint lint = new Lint();

	public Lint getLint() {
		return this.lint;
	}

	public String getCommand() {
		return this.command;
	}

	public void setCommand(String command) {
		this.command = command;
	}

	public String getTarget() {
		return this.target;
	}

	public void setTarget(String target) {
		this.target = target;
	}

	public String getDatabase() {
		return this.database;
	}

	public void setDatabase(String database) {
		this.database = database;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getType() {
		return this.type;
	}

	public void setType(String type) {
		this.type = type;
	}

	public String getFrom() {
		return this.from;
	}

	public void setFrom(String from) {
		this.from = from;
	}

	public boolean isAllowDrop() {
		return this.allowDrop;
	}

	public void setAllowDrop(boolean allowDrop) {
		this.allowDrop = allowDrop;
	}

	public StatementOutcome getOutcome() {
		return this.outcome;
	}

	public void setOutcome(StatementOutcome outcome) {
		this.outcome = outcome;
	}

	public boolean isDryRun() {
		return this.dryRun;
	}

	public void setDryRun(boolean dryRun) {
		this.dryRun = dryRun;
	}

	public Output getOutput() {
		return this.output;
	}

	public void setOutput(Output output) {
		this.output = output;
	}

	public String getFile() {
		return this.file;
	}

	public void setFile(String file) {
		this.file = file;
	}

	public String getTemplate() {
		return this.template;
	}

	public void setTemplate(String template) {
		this.template = template;
	}

	/** What commands print. */
	public enum Output {

		/** Tables and lines for a terminal. */
		TEXT,

		/** JSON of documented, stable shapes. */
		JSON,

		/** SARIF 2.1.0, which GitHub code scanning and IDEs read (lint). */
		SARIF

	}

	/** The arguments of the lint command. */
	public static class Lint {

		/** The lowest severity that makes lint exit non-zero: error (exit 1), or warning (exit 2 when there are warnings but no error). */
		private Severity failOn = Severity.ERROR;

		public Severity getFailOn() {
			return this.failOn;
		}

		public void setFailOn(Severity failOn) {
			this.failOn = failOn;
		}

	}

}
