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
	 */
	public record Statement(String sql, Map<String, String> settings) {

		public Statement {
			settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
		}

	}

	/**
	 * Splits a script.
	 * @throws IllegalArgumentException naming the line of an unterminated string, quoted name or
	 * comment, or of a second rollback line
	 */
	public static SqlScript parse(String text) {
		List<Statement> forward = new ArrayList<>();
		List<Statement> rollback = null;
		Map<String, String> settings = new LinkedHashMap<>();
		for (SqlLexer.Piece piece : SqlLexer.split(text)) {
			if (piece.rollbackMarker()) {
				if (rollback != null) {
					throw new IllegalArgumentException("line " + piece.line()
							+ " is a second '-- rollback' line; a file has one rollback section");
				}
				rollback = new ArrayList<>();
				// The rollback runs apart from the migration: settings of the migration do not reach it.
				settings.clear();
				continue;
			}
			Map<String, String> set = settings(piece.sql(), piece.line());
			if (set != null) {
				settings.putAll(set);
			}
			else {
				((rollback != null) ? rollback : forward).add(new Statement(piece.sql(), settings));
			}
		}
		return new SqlScript(List.copyOf(forward), (rollback != null) ? List.copyOf(rollback) : null);
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
