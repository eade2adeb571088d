package org.clickhousemigrations.resolve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An SQL migration file split into statements: those before an optional {@code -- rollback} line
 * (the migration) and those after it (what undoes it).
 * <p>
 * A {@code ;} ends a statement unless it stands inside single or double quotes, backticks, a
 * {@code --} or {@code #} line comment or a {@code /* *}{@code /} block comment. Quotes are
 * escaped by doubling them or with a backslash.
 *
 * @param forward the statements of the migration, in order
 * @param rollback the statements that undo it, or {@code null} if the file has no rollback section
 */
public record SqlScript(List<String> forward, List<String> rollback) {

	/**
	 * Splits a script.
	 * @throws IllegalArgumentException naming the line of an unterminated quote or comment
	 */
	public static SqlScript parse(String text) {
		Splitter splitter = new Splitter(text);
		splitter.run();
		return new SqlScript(List.copyOf(splitter.forward),
				(splitter.rollback != null) ? List.copyOf(splitter.rollback) : null);
	}

	private static final class Splitter {

		private final String text;

		private final List<String> forward = new ArrayList<>();

		private List<String> rollback;

		private final StringBuilder statement = new StringBuilder();

		// Whether the statement so far holds anything but blanks and comments.
		private boolean meaningful;

		private int line = 1;

		Splitter(String text) {
			this.text = text;
		}

		void run() {
			int i = 0;
			while (i < this.text.length()) {
				char c = this.text.charAt(i);
				if (c == '\'' || c == '"' || c == '`') {
					i = quoted(i, c);
				}
				else if (c == '-' && next(i) == '-' || c == '#') {
					i = lineComment(i);
				}
				else if (c == '/' && next(i) == '*') {
					i = blockComment(i);
				}
				else if (c == ';') {
					endStatement();
					i++;
				}
				else {
					if (!Character.isWhitespace(c)) {
						this.meaningful = true;
					}
					append(c);
					i++;
				}
			}
			endStatement();
		}

		private int quoted(int start, char quote) {
			int startLine = this.line;
			this.meaningful = true;
			append(quote);
			int i = start + 1;
			while (i < this.text.length()) {
				char c = this.text.charAt(i);
				if (c == '\\' && i + 1 < this.text.length()) {
					append(c);
					append(this.text.charAt(i + 1));
					i += 2;
					continue;
				}
				append(c);
				i++;
				if (c == quote) {
					if (next(i - 1) == quote) {
						append(quote);
						i++;
					}
					else {
						return i;
					}
				}
			}
			throw new IllegalArgumentException("the " + name(quote) + " opened on line " + startLine
					+ " is never closed; close it, or escape it as " + quote + quote);
		}

		private int lineComment(int start) {
			int end = this.text.indexOf('\n', start);
			end = (end == -1) ? this.text.length() : end;
			String comment = this.text.substring(start, end);
			if (isRollbackMarker(comment)) {
				if (this.rollback != null) {
					throw new IllegalArgumentException(
							"line " + this.line + " is a second '-- rollback' line; a file has one rollback section");
				}
				endStatement();
				this.rollback = new ArrayList<>();
				return end;
			}
			for (int i = start; i < end; i++) {
				append(this.text.charAt(i));
			}
			return end;
		}

		// The marker counts only on a line of its own.
		private boolean isRollbackMarker(String comment) {
			String lineSoFar = this.statement.substring(this.statement.lastIndexOf("\n") + 1);
			return lineSoFar.isBlank()
					&& comment.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").equals("-- rollback");
		}

		private int blockComment(int start) {
			int end = this.text.indexOf("*/", start + 2);
			if (end == -1) {
				throw new IllegalArgumentException(
						"the /* comment opened on line " + this.line + " is never closed with */");
			}
			for (int i = start; i < end + 2; i++) {
				append(this.text.charAt(i));
			}
			return end + 2;
		}

		private void endStatement() {
			if (this.meaningful) {
				String sql = this.statement.toString().strip();
				((this.rollback != null) ? this.rollback : this.forward).add(sql);
			}
			this.statement.setLength(0);
			this.meaningful = false;
		}

		private void append(char c) {
			if (c == '\n') {
				this.line++;
			}
			this.statement.append(c);
		}

		private char next(int i) {
			return (i + 1 < this.text.length()) ? this.text.charAt(i + 1) : '\0';
		}

		private static String name(char quote) {
			return switch (quote) {
				case '\'' -> "string (')";
				case '"' -> "quoted name (\")";
				default -> "quoted name (`)";
			};
		}

	}

}
