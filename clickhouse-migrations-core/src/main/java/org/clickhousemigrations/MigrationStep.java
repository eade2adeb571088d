package org.clickhousemigrations;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One thing a migration runs, and so one unit of progress in the history: a single SQL statement
 * (placeholders not yet resolved) or a {@link JavaStep}.
 */
public final class MigrationStep {

	private final String sql;

	private final JavaStep java;

	private final String label;

	private final Map<String, String> settings;

	private final int line;

	private MigrationStep(String sql, JavaStep java, String label, Map<String, String> settings, int line) {
		this.sql = sql;
		this.java = java;
		this.label = label;
		this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
		this.line = line;
	}

	/** A single SQL statement, without a trailing {@code ;}. */
	public static MigrationStep sql(String sql) {
		return sql(sql, Map.of());
	}

	/**
	 * A single SQL statement, sent with ClickHouse settings (those a file's {@code SET} statements
	 * gave it).
	 */
	public static MigrationStep sql(String sql, Map<String, String> settings) {
		return sql(sql, settings, 0);
	}

	/**
	 * A single SQL statement of a file, sent with ClickHouse settings.
	 * @param line the line of the file its first word is on, for reports
	 */
	public static MigrationStep sql(String sql, Map<String, String> settings, int line) {
		Objects.requireNonNull(sql, "sql");
		String statement = sql.strip();
		if (statement.isEmpty()) {
			throw new IllegalArgumentException("An SQL step needs a statement");
		}
		return new MigrationStep(statement, null, null, settings, line);
	}

	/** Java code, named by {@code label} in logs, history and dry-run reports. */
	public static MigrationStep java(JavaStep step, String label) {
		return new MigrationStep(null, Objects.requireNonNull(step, "step"), Objects.requireNonNull(label, "label"),
				Map.of(), 0);
	}

	public boolean isSql() {
		return this.sql != null;
	}

	/** The SQL text as written, with placeholders; {@code null} for a Java step. */
	public String sql() {
		return this.sql;
	}

	/** The line of its file the statement starts on; 0 for a Java step or a statement of no file. */
	public int line() {
		return this.line;
	}

	/** The ClickHouse settings sent with the statement, in the order they were set; empty for most. */
	public Map<String, String> settings() {
		return this.settings;
	}

	/** The code of a Java step; {@code null} for SQL. */
	public JavaStep java() {
		return this.java;
	}

	/** A one-line description for logs and reports. */
	public String label() {
		if (this.sql == null) {
			return "java: " + this.label;
		}
		String oneLine = this.sql.replaceAll("\\s+", " ");
		return (oneLine.length() > 100) ? oneLine.substring(0, 97) + "..." : oneLine;
	}

	/** What the checksum of a Java migration covers for this step. */
	public String checksumText() {
		if (this.sql == null) {
			return "java:" + this.label;
		}
		return this.settings.isEmpty() ? this.sql : this.settings + " " + this.sql;
	}

	@Override
	public String toString() {
		return label();
	}

}
