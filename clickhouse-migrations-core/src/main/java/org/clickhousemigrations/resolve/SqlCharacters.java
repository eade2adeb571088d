package org.clickhousemigrations.resolve;

/** Characters as ClickHouse's lexer sees them. */
final class SqlCharacters {

	private SqlCharacters() {
	}

	/** Whitespace as ClickHouse's lexer skips it: ASCII and Unicode spaces, the no-break space included. */
	static boolean isWhitespace(char c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
	}

	static boolean isBlank(String text) {
		return text.chars().allMatch((c) -> isWhitespace((char) c));
	}

	/** Removes leading and trailing whitespace, Unicode spaces included. */
	static String strip(String text) {
		int start = 0;
		int end = text.length();
		while (start < end && isWhitespace(text.charAt(start))) {
			start++;
		}
		while (end > start && isWhitespace(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(start, end);
	}

	static boolean isWordChar(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '$';
	}

	static boolean isAsciiWordChar(char c) {
		return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
	}

}
