package org.clickhousemigrations.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokens of one statement, comments left out: words (keywords and names, with their upper-case
 * form), quoted names, strings, numbers and symbols, each with its depth of parentheses.
 */
final class SqlTokens {

	/** What a token is. */
	enum Kind {

		WORD, QUOTED_NAME, STRING, NUMBER, SYMBOL

	}

	/**
	 * One token.
	 *
	 * @param text a word or number as written, a quoted name or string without its quotes, a symbol
	 * @param upper the upper-case text of a word, for keywords; the text otherwise
	 * @param depth how many parentheses enclose it
	 */
	record Token(Kind kind, String text, String upper, int depth) {

		boolean is(String keyword) {
			return this.kind == Kind.WORD && this.upper.equals(keyword);
		}

		boolean isSymbol(String symbol) {
			return this.kind == Kind.SYMBOL && this.text.equals(symbol);
		}

		boolean isName() {
			return this.kind == Kind.WORD || this.kind == Kind.QUOTED_NAME;
		}

	}

	private SqlTokens() {
	}

	static List<Token> of(String sql) {
		List<Token> tokens = new ArrayList<>();
		int depth = 0;
		int i = 0;
		int n = sql.length();
		while (i < n) {
			char c = sql.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (sql.startsWith("--", i) || c == '#') {
				int end = sql.indexOf('\n', i);
				i = (end < 0) ? n : end + 1;
			}
			else if (sql.startsWith("/*", i)) {
				int end = sql.indexOf("*/", i + 2);
				i = (end < 0) ? n : end + 2;
			}
			else if (c == '\'' || c == '`' || c == '"') {
				StringBuilder text = new StringBuilder();
				int j = i + 1;
				while (j < n && sql.charAt(j) != c) {
					if (sql.charAt(j) == '\\' && j + 1 < n) {
						j++;
					}
					text.append(sql.charAt(j));
					j++;
				}
				Kind kind = (c == '\'') ? Kind.STRING : Kind.QUOTED_NAME;
				tokens.add(new Token(kind, text.toString(), text.toString(), depth));
				i = j + 1;
			}
			else if (Character.isLetter(c) || c == '_') {
				int j = i;
				while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_' || sql.charAt(j) == '$')) {
					j++;
				}
				String word = sql.substring(i, j);
				tokens.add(new Token(Kind.WORD, word, word.toUpperCase(Locale.ROOT), depth));
				i = j;
			}
			else if (Character.isDigit(c)) {
				int j = i;
				while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '.')) {
					j++;
				}
				tokens.add(new Token(Kind.NUMBER, sql.substring(i, j), sql.substring(i, j), depth));
				i = j;
			}
			else {
				if (c == ')') {
					depth = Math.max(0, depth - 1);
				}
				tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), String.valueOf(c), depth));
				if (c == '(') {
					depth++;
				}
				i++;
			}
		}
		return tokens;
	}

}
