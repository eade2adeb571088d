package org.clickhousemigrations.lint;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.clickhousemigrations.lint.SqlTokens.Kind;
import org.clickhousemigrations.lint.SqlTokens.Token;

/**
 * How long a TTL keeps rows: the interval of {@code INTERVAL n UNIT} or {@code toIntervalUnit(n)}
 * (the form ClickHouse shows), in seconds, months as 30 days and years as 365.
 */
final class Retention {

	private static final Map<String, Long> UNITS = Map.of("SECOND", 1L, "MINUTE", 60L, "HOUR", 3600L, "DAY", 86_400L,
			"WEEK", 604_800L, "MONTH", 2_592_000L, "QUARTER", 7_776_000L, "YEAR", 31_536_000L);

	private Retention() {
	}

	/** The first interval in the tokens, in seconds; empty when there is none. */
	static Optional<Long> seconds(List<Token> tokens) {
		for (int i = 0; i + 2 < tokens.size(); i++) {
			Token token = tokens.get(i);
			if (token.is("INTERVAL") && tokens.get(i + 1).kind() == Kind.NUMBER) {
				Long unit = unit(tokens.get(i + 2).upper());
				if (unit != null) {
					return Optional.of(Long.parseLong(tokens.get(i + 1).text()) * unit);
				}
			}
			if (token.kind() == Kind.WORD && token.upper().startsWith("TOINTERVAL") && tokens.get(i + 1).isSymbol("(")
					&& tokens.get(i + 2).kind() == Kind.NUMBER) {
				Long unit = unit(token.upper().substring("TOINTERVAL".length()));
				if (unit != null) {
					return Optional.of(Long.parseLong(tokens.get(i + 2).text()) * unit);
				}
			}
		}
		return Optional.empty();
	}

	/** e.g. {@code 90 days}. */
	static String describe(long seconds) {
		if (seconds % 86_400 == 0) {
			long days = seconds / 86_400;
			return days + ((days == 1) ? " day" : " days");
		}
		return seconds + " seconds";
	}

	private static Long unit(String word) {
		String unit = word.toUpperCase(Locale.ROOT);
		return UNITS.get(unit.endsWith("S") ? unit.substring(0, unit.length() - 1) : unit);
	}

}
