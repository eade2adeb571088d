package org.clickhousemigrations.execute;

import java.util.ArrayList;
import java.util.List;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.history.MigrationHistory;
import org.clickhousemigrations.model.AppliedMigration;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.sql.Placeholders;

/**
 * Writes nothing: collects the statements a migrate would run and the history writes it would
 * make, as a script. Java steps cannot be rendered; they are listed by name.
 */
public final class DryRunTarget implements ExecutionTarget {

	private final MigrationDatabase database;

	private final MigrationHistory history;

	private final String installedBy;

	private final Placeholders placeholders;

	private final List<String> script = new ArrayList<>();

	private final Retry retry;

	public DryRunTarget(MigrationDatabase database, MigrationHistory history, String installedBy,
			Placeholders placeholders) {
		this(database, history, installedBy, placeholders, Retry.DEFAULT);
	}

	/** A dry run that says how a live run with {@code retry} would treat failures. */
	public DryRunTarget(MigrationDatabase database, MigrationHistory history, String installedBy,
			Placeholders placeholders, Retry retry) {
		this.database = database;
		this.history = history;
		this.installedBy = installedBy;
		this.placeholders = placeholders;
		this.retry = retry;
	}

	@Override
	public Retry retry() {
		return this.retry;
	}

	@Override
	public List<String> script() {
		return List.copyOf(this.script);
	}

	@Override
	public String installedBy() {
		return this.installedBy;
	}

	@Override
	public Placeholders placeholders() {
		return this.placeholders;
	}

	@Override
	public void run(MigrationStep step, String sql, String module, StatementId id, Verdict before) {
		if (this.script.isEmpty()) {
			this.script.addAll(FailureNotes.header(this.retry));
		}
		String note = FailureNotes.of(step.isSql() ? sql : null);
		if (note != null) {
			this.script.add("-- " + note);
		}
		if (!step.isSql()) {
			this.script.add("-- " + this.placeholders.secrets().mask(step.label())
					+ " (Java step: runs code, cannot be shown as SQL)");
			return;
		}
		StringBuilder settings = new StringBuilder();
		step.settings().forEach((name, value) -> settings.append((settings.length() > 0) ? ", " : "")
			.append(name).append(" = ").append(value));
		// A file's SET statements travel with each statement after them, as per-query settings.
		this.script.add((settings.isEmpty() ? "" : "-- per-query settings: " + settings + "\n")
				+ this.placeholders.secrets().mask(sql));
	}

	@Override
	public Verdict verdict(StatementId id, String sql, Throwable answer) {
		return Verdict.notStarted();
	}

	@Override
	public void record(List<AppliedMigration> rows) {
		this.script.add(this.history.render(this.database, rows));
	}

	@Override
	public void close() {
	}

}
