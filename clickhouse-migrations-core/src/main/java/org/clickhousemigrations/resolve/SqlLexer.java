package org.clickhousemigrations.resolve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.clickhousemigrations.resolve.SqlCharacters.isAsciiWordChar;
import static org.clickhousemigrations.resolve.SqlCharacters.isBlank;
import static org.clickhousemigrations.resolve.SqlCharacters.isWhitespace;
import static org.clickhousemigrations.resolve.SqlCharacters.isWordChar;
import static org.clickhousemigrations.resolve.SqlCharacters.strip;

/**
 * Cuts SQL text into statements the way ClickHouse's lexer reads a file of several queries. A
 * {@code ;} ends a statement, except inside:
 * <ul>
 * <li>a string ({@code '...'}), a quoted name ({@code "..."}, {@code `...`}), each escaped by
 * doubling the quote or with a backslash;</li>
 * <li>a heredoc, {@code $$...$$} or {@code $tag$...$tag$} (only where its closing delimiter
 * follows: {@code $} may also stand in a name);</li>
 * <li>a {@code --}, {@code #} or {@code //} comment up to the end of its line, or a
 * {@code /* *}{@code /} comment, which may nest;</li>
 * <li>the inline data of {@code INSERT ... FORMAT <name>}, which ends at the first empty line
 * ({@code \n\n}) as ClickHouse ends it (the data of {@code VALUES} and {@code FORMAT Values} is
 * read as SQL).</li>
 * </ul>
 * Whitespace includes Unicode spaces such as the no-break space: a piece of only whitespace and
 * comments is no statement. A line {@code -- rollback} (alone on its line) is reported as the
 * start of the rollback section.
 */
final class SqlLexer {

	/** A piece of the text: a statement, or the rollback marker. */
	record Piece(String sql, boolean rollbackMarker, int line) {
	}

	private final String text;

	private final List<Piece> pieces = new ArrayList<>();

	private final StringBuilder statement = new StringBuilder();

	// The words of the statement so far, outside quotes and comments, upper case: to see INSERT ... FORMAT x.
	private final List<String> words = new ArrayList<>();

	private final StringBuilder word = new StringBuilder();

	private boolean meaningful;

	private int line = 1;

	private int statementLine = 1;

	private SqlLexer(String text) {
		this.text = text;
	}

	/**
	 * @throws IllegalArgumentException naming the line of a string, quoted name or comment that is
	 * never closed
	 */
	static List<Piece> split(String text) {
		SqlLexer lexer = new SqlLexer(text);
		lexer.run();
		return lexer.pieces;
	}

	private void run() {
		int i = 0;
		while (i < this.text.length()) {
			char c = this.text.charAt(i);
			if (c == '\'' || c == '"' || c == '`') {
				endWord();
				i = quoted(i, c);
			}
			else if (c == '-' && next(i) == '-' || c == '#' || c == '/' && next(i) == '/') {
				endWord();
				i = lineComment(i);
			}
			else if (c == '/' && next(i) == '*') {
				endWord();
				i = blockComment(i);
			}
			else if (c == '$' && heredocTag(i) != null) {
				endWord();
				i = heredoc(i, heredocTag(i));
			}
			else if (c == ';') {
				endWord();
				endStatement();
				i++;
			}
			else {
				if (isWordChar(c)) {
					this.word.append(c);
				}
				else {
					endWord();
				}
				if (!isWhitespace(c)) {
					mark();
				}
				append(c);
				i++;
				if (!isWordChar(c) || i == this.text.length() || !isWordChar(this.text.charAt(i))) {
					endWord();
					if (startsInlineData()) {
						i = inlineData(i);
					}
				}
			}
		}
		endWord();
		endStatement();
	}

	// INSERT ... FORMAT <name>, the name just read, other than Values: data follows, up to a blank line.
	private boolean startsInlineData() {
		int n = this.words.size();
		return n >= 3 && this.words.get(0).equals("INSERT") && this.words.get(n - 2).equals("FORMAT")
				&& !this.words.get(n - 1).equals("VALUES") && !this.words.contains("SELECT");
	}

	private int inlineData(int start) {
		int end = start;
		while (end < this.text.length() && !blankLineAt(end)) {
			end++;
		}
		String data = this.text.substring(start, end);
		for (int i = 0; i < data.length(); i++) {
			append(data.charAt(i));
		}
		endStatement();
		return end;
	}

	// As ClickHouse cuts inline data: at the first empty line, "\n\n" (a ';' in the data is data).
	private boolean blankLineAt(int i) {
		return this.text.startsWith("\n\n", i);
	}

	private int quoted(int start, char quote) {
		int startLine = this.line;
		mark();
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

	// "$$" or "$tag$" (tag in ASCII letters, digits and _) that a closing "$tag$" follows: a heredoc.
	// Without its closing delimiter it is no heredoc: "$" may stand in a name, as in $alias$name$.
	private String heredocTag(int i) {
		if (i > 0 && isWordChar(this.text.charAt(i - 1))) {
			return null;
		}
		int j = i + 1;
		while (j < this.text.length() && isAsciiWordChar(this.text.charAt(j))) {
			j++;
		}
		if (j >= this.text.length() || this.text.charAt(j) != '$') {
			return null;
		}
		String tag = this.text.substring(i, j + 1);
		return (this.text.indexOf(tag, j + 1) != -1) ? tag : null;
	}

	private int heredoc(int start, String tag) {
		int end = this.text.indexOf(tag, start + tag.length());
		mark();
		for (int i = start; i < end + tag.length(); i++) {
			append(this.text.charAt(i));
		}
		return end + tag.length();
	}

	private int lineComment(int start) {
		int end = this.text.indexOf('\n', start);
		end = (end == -1) ? this.text.length() : end;
		String comment = this.text.substring(start, end);
		if (isRollbackMarker(comment)) {
			endStatement();
			this.pieces.add(new Piece(null, true, this.line));
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
		return isBlank(lineSoFar)
				&& comment.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").equals("-- rollback");
	}

	private int blockComment(int start) {
		int startLine = this.line;
		int depth = 0;
		int i = start;
		while (i < this.text.length()) {
			if (this.text.startsWith("/*", i)) {
				depth++;
				append('/');
				append('*');
				i += 2;
			}
			else if (this.text.startsWith("*/", i)) {
				depth--;
				append('*');
				append('/');
				i += 2;
				if (depth == 0) {
					return i;
				}
			}
			else {
				append(this.text.charAt(i));
				i++;
			}
		}
		throw new IllegalArgumentException("the /* comment opened on line " + startLine + " is never closed with */");
	}

	private void endWord() {
		if (this.word.length() > 0) {
			this.words.add(this.word.toString().toUpperCase(Locale.ROOT));
			this.word.setLength(0);
		}
	}

	private void endStatement() {
		if (this.meaningful) {
			this.pieces.add(new Piece(strip(this.statement.toString()), false, this.statementLine));
		}
		this.statement.setLength(0);
		this.words.clear();
		this.meaningful = false;
	}

	private void mark() {
		if (!this.meaningful) {
			this.meaningful = true;
			this.statementLine = this.line;
		}
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
