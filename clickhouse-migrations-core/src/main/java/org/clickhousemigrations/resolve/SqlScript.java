package org.clickhousemigrations.resolve;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SQL migration file split into statements as ClickHouse reads it (see {@link SqlLexer}): those
 * before an optional {@code -- rollback} line (the migration) and those after it (what undoes it).
 * <p>
 * A {@code SET name = value[, ...]} statement is not sent on its own: each HTTP request is a
 * session of its own on some deployments, so its settings are passed with every statement after it
 * in the same section of the file instead.
 *
 * @param forward the statements of the migration, in order
 * @param rollback the statements that undo it, or {@code null} if the file has no rollback section
 */
public record SqlScript(List<Statement> forward, List<Statement> rollback) {

	// SET name = value, name = value: ClickHouse settings, not SET ROLE or SET DEFAULT ROLE.
	private static final Pattern SET = Pattern.compile("(?is)SET\\s+(\\w+\\s*=.*)");

	private static final Pattern ASSIGNMENT = Pattern.compile("(?s)\\s*(\\w+)\\s*=\\s*(.+?)\\s*");

	/**
	 * A statement and the settings that {@code SET} statements before it in the file gave it.
	 *
	 * @param sql the statement, without a trailing {@code ;}
	 * @param settings to pass with it, in the order they were set
	 * @param line the line of the file its first word is on; 0 when it comes from no file
	 */
	public record Statement(String sql, Map<String, String> settings, int line) {

		public Statement {
			settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
		}

		public Statement(String sql, Map<String, String> settings) {
			this(sql, settings, 0);
		}

	}

	/**
	 * A part of a file: text to split into statements, or one statement taken whole (the statement
	 * blocks of other tools, such as goose's {@code StatementBegin} / {@code StatementEnd}).
	 *
	 * @param text the text
	 * @param whole whether the text is one statement
	 * @param line the line of the file the text starts on
	 */
	record Chunk(String text, boolean whole, int line) {
	}

	/**
	 * Splits a script.
	 * @throws IllegalArgumentException naming the line of an unterminated string, quoted name or
	 * comment, or of a second rollback line
	 */
	public static SqlScript parse(String text) {
		Section forward = new Section();
		Section rollback = null;
		Section current = forward;
		for (SqlLexer.Piece piece : SqlLexer.split(text)) {
			if (piece.rollbackMarker()) {
				if (rollback != null) {
					throw new IllegalArgumentException("line " + piece.line()
							+ " is a second '-- rollback' line; a file has one rollback section");
				}
				// The rollback runs apart from the migration: settings of the migration do not reach it.
				rollback = new Section();
				current = rollback;
				continue;
			}
			current.add(piece.sql(), piece.line());
		}
		return new SqlScript(List.copyOf(forward.statements), (rollback != null) ? List.copyOf(rollback.statements)
				: null);
	}

	/**
	 * The statements of the chunks of a migration and of its rollback, as other tools' files mark
	 * them; a {@code -- rollback} line is only a comment there.
	 * @param rollback {@code null} when there is no rollback
	 * @throws IllegalArgumentException naming the line of an unterminated string, quoted name or comment
	 */
	static SqlScript of(List<Chunk> forward, List<Chunk> rollback) {
		return new SqlScript(statements(forward), (rollback != null) ? statements(rollback) : null);
	}

	private static List<Statement> statements(List<Chunk> chunks) {
		Section section = new Section();
		for (Chunk chunk : chunks) {
			if (chunk.whole()) {
				String sql = SqlCharacters.strip(chunk.text());
				sql = sql.endsWith(";") ? SqlCharacters.strip(sql.substring(0, sql.length() - 1)) : sql;
				if (!sql.isEmpty()) {
					section.add(sql, chunk.line());
				}
				continue;
			}
			for (SqlLexer.Piece piece : SqlLexer.split(chunk.text())) {
				if (!piece.rollbackMarker()) {
					section.add(piece.sql(), chunk.line() + piece.line() - 1);
				}
			}
		}
		return List.copyOf(section.statements);
	}

	// The statements of one section of a file, and the settings its SET statements gave so far.
	private static final class Section {

		private final List<Statement> statements = new ArrayList<>();

		private final Map<String, String> settings = new LinkedHashMap<>();

		void add(String sql, int line) {
			Map<String, String> set = settings(sql, line);
			if (set != null) {
				this.settings.putAll(set);
			}
			else {
				this.statements.add(new Statement(sql, this.settings, line));
			}
		}

	}

	// The settings of a SET statement, or null for any other statement.
	private static Map<String, String> settings(String sql, int line) {
		Matcher set = SET.matcher(withoutLeadingComments(sql));
		if (!set.matches()) {
			return null;
		}
		Map<String, String> settings = new LinkedHashMap<>();
		for (String assignment : topLevelCommas(set.group(1))) {
			Matcher matcher = ASSIGNMENT.matcher(assignment);
			if (!matcher.matches()) {
				throw new IllegalArgumentException("the SET statement on line " + line + " has '" + assignment.strip()
						+ "' where it needs name = value");
			}
			settings.put(matcher.group(1), unquote(matcher.group(2)));
		}
		return settings;
	}

	private static String withoutLeadingComments(String sql) {
		String rest = sql;
		while (true) {
			rest = SqlCharacters.strip(rest);
			if (rest.startsWith("--") || rest.startsWith("#") || rest.startsWith("//")) {
				int end = rest.indexOf('\n');
				rest = (end == -1) ? "" : rest.substring(end + 1);
			}
			else if (rest.startsWith("/*")) {
				int end = rest.indexOf("*/");
				rest = (end == -1) ? "" : rest.substring(end + 2);
			}
			else {
				return rest;
			}
		}
	}

	private static List<String> topLevelCommas(String text) {
		List<String> parts = new ArrayList<>();
		int depth = 0;
		char quote = 0;
		int start = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quote != 0) {
				if (c == '\\') {
					i++;
				}
				else if (c == quote) {
					quote = 0;
				}
			}
			else if (c == '\'' || c == '"' || c == '`') {
				quote = c;
			}
			else if (c == '(' || c == '[') {
				depth++;
			}
			else if (c == ')' || c == ']') {
				depth--;
			}
			else if (c == ',' && depth == 0) {
				parts.add(text.substring(start, i));
				start = i + 1;
			}
		}
		parts.add(text.substring(start));
		return parts;
	}

	// A setting goes over HTTP as its bare value: 'hash' is hash.
	private static String unquote(String value) {
		if (value.length() >= 2 && value.charAt(0) == '\'' && value.charAt(value.length() - 1) == '\'') {
			return value.substring(1, value.length() - 1).replace("\\'", "'").replace("''", "'").replace("\\\\", "\\");
		}
		return value;
	}

}
