package org.clickhousemigrations.lint;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.clickhousemigrations.lint.SqlTokens.Kind;
import org.clickhousemigrations.lint.SqlTokens.Token;

/** Whether a column type can hold every value of another: what {@code narrowing-type-change} asks. */
final class TypeNarrowing {

	private static final Pattern INTEGER = Pattern.compile("(U?)Int(8|16|32|64|128|256)");

	private static final Pattern DECIMAL = Pattern.compile("Decimal(32|64|128|256)?\\((\\d+)(?:,\\s*(\\d+))?\\)");

	private static final Pattern DATETIME64 = Pattern.compile("DateTime64\\((\\d+).*\\)");

	private static final Pattern FIXED = Pattern.compile("FixedString\\((\\d+)\\)");

	// The words that end a column's type in MODIFY COLUMN.
	private static final List<String> AFTER_TYPE = List.of("DEFAULT", "MATERIALIZED", "ALIAS", "EPHEMERAL", "CODEC",
			"TTL", "COMMENT", "FIRST", "AFTER", "SETTINGS", "NULL", "NOT", "STATISTICS");

	private TypeNarrowing() {
	}

	/** The type a {@code MODIFY COLUMN}'s tokens (after the column name) give, or {@code null} if none. */
	static String typeOf(List<Token> tokens) {
		if (tokens.isEmpty() || tokens.get(0).kind() != Kind.WORD || AFTER_TYPE.contains(tokens.get(0).upper())) {
			return null;
		}
		StringBuilder type = new StringBuilder();
		for (Token token : tokens) {
			if (token.depth() == 0 && token.kind() == Kind.WORD && !type.isEmpty()
					&& AFTER_TYPE.contains(token.upper())) {
				break;
			}
			if (token.kind() == Kind.STRING) {
				type.append('\'').append(token.text()).append('\'');
			}
			else {
				type.append(token.text());
			}
			if (token.isSymbol(",")) {
				type.append(' ');
			}
		}
		return type.toString();
	}

	/** Why {@code to} cannot hold every value of {@code from}; empty when it can (or when it is not known). */
	static Optional<String> narrowing(String from, String to) {
		String a = strip(from.replace(" ", ""), "LowCardinality");
		String b = strip(to.replace(" ", ""), "LowCardinality");
		if (a.equals(b)) {
			return Optional.empty();
		}
		boolean nullableA = a.startsWith("Nullable(");
		boolean nullableB = b.startsWith("Nullable(");
		if (nullableA && !nullableB) {
			return Optional.of("it drops Nullable, so NULLs become the type's default value");
		}
		a = strip(a, "Nullable");
		b = strip(b, "Nullable");
		if (b.equals("String")) {
			return Optional.empty();
		}
		if (a.equals("String") || a.startsWith("FixedString")) {
			Matcher fa = FIXED.matcher(a);
			Matcher fb = FIXED.matcher(b);
			if (fa.matches() && fb.matches() && Integer.parseInt(fb.group(1)) >= Integer.parseInt(fa.group(1))) {
				return Optional.empty();
			}
			return Optional.of("a string that does not fit or parse as " + to + " fails the change or loses its value");
		}
		Matcher ia = INTEGER.matcher(a);
		Matcher ib = INTEGER.matcher(b);
		if (ia.matches() && ib.matches()) {
			boolean signedA = ia.group(1).isEmpty();
			boolean signedB = ib.group(1).isEmpty();
			int bitsA = Integer.parseInt(ia.group(2));
			int bitsB = Integer.parseInt(ib.group(2));
			if (signedA && !signedB) {
				return Optional.of("negative values wrap around to large positive ones");
			}
			if (bitsB < bitsA || (!signedA && signedB && bitsB == bitsA)) {
				return Optional.of("values beyond the range of " + b + " wrap around");
			}
			return Optional.empty();
		}
		if (ia.matches() && b.startsWith("Float")) {
			int bits = Integer.parseInt(ia.group(2));
			int mantissa = b.equals("Float32") ? 24 : 53;
			return (bits > mantissa) ? Optional.of("integers above 2^" + mantissa + " lose their last digits")
					: Optional.empty();
		}
		if (a.startsWith("Float") && (ib.matches() || b.startsWith("Decimal"))) {
			return Optional.of("fractions and values out of range are lost");
		}
		if (a.equals("Float64") && b.equals("Float32")) {
			return Optional.of("values lose precision, and values beyond Float32's range become infinite");
		}
		Matcher da = DECIMAL.matcher(a);
		Matcher db = DECIMAL.matcher(b);
		if (da.matches() && db.matches()) {
			int[] pa = precision(da);
			int[] pb = precision(db);
			if (pb[1] < pa[1] || pb[0] - pb[1] < pa[0] - pa[1]) {
				return Optional.of("digits of " + a + " do not fit in " + b);
			}
			return Optional.empty();
		}
		return dates(a, b);
	}

	private static Optional<String> dates(String a, String b) {
		Matcher ta = DATETIME64.matcher(a);
		Matcher tb = DATETIME64.matcher(b);
		if (ta.matches() && tb.matches() && Integer.parseInt(tb.group(1)) < Integer.parseInt(ta.group(1))) {
			return Optional.of("sub-second digits are lost");
		}
		if (ta.matches() && (b.startsWith("DateTime") && !tb.matches())) {
			return Optional.of("sub-second digits are lost, and times beyond 2106 do not fit");
		}
		if ((a.startsWith("DateTime") && b.startsWith("Date") && !b.startsWith("DateTime"))) {
			return Optional.of("the time of day is lost");
		}
		if (a.equals("Date32") && b.equals("Date")) {
			return Optional.of("dates before 1970 or after 2149 do not fit");
		}
		return Optional.empty();
	}

	// {precision, scale}
	private static int[] precision(Matcher decimal) {
		if (decimal.group(1) == null) {
			int scale = (decimal.group(3) != null) ? Integer.parseInt(decimal.group(3)) : 0;
			return new int[] { Integer.parseInt(decimal.group(2)), scale };
		}
		int precision = switch (decimal.group(1)) {
			case "32" -> 9;
			case "64" -> 18;
			case "128" -> 38;
			default -> 76;
		};
		return new int[] { precision, Integer.parseInt(decimal.group(2)) };
	}

	private static String strip(String type, String wrapper) {
		return (type.startsWith(wrapper + "(") && type.endsWith(")"))
				? type.substring(wrapper.length() + 1, type.length() - 1) : type;
	}

}
