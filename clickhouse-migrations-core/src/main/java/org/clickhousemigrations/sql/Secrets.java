package org.clickhousemigrations.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in every text the library shows or stores (logs, exceptions, history rows, dry
 * runs, reports): the values of secret placeholders wherever they appear, and the credentials a
 * statement writes literally as arguments of ClickHouse functions and engines, as ClickHouse masks
 * them when it shows a definition. The statement sent to ClickHouse keeps them.
 * <p>
 * A placeholder is secret when its name contains {@code password}, {@code secret}, {@code token},
 * {@code credential} or {@code key} (case-insensitive, as Spring Boot's {@code Sanitizer} decides),
 * or when it is declared secret.
 */
public final class Secrets {

	/** What a secret shows as. */
	public static final String MASK = "******";

	/** Literal credentials only: for texts outside any database. */
	public static final Secrets LITERALS = new Secrets(List.of());

	private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token|credential|key).*");

	// A function or engine with a credential among its arguments.
	private static final Pattern CALL = Pattern.compile("(?i)\\b(postgresql|mysql|mongodb|remote|remoteSecure|"
			+ "s3|s3Cluster|gcs|azureBlobStorage|azureBlobStorageCluster|MaterializedPostgreSQL|MaterializedMySQL)\\s*\\(");

	// Keyword forms: a dictionary source's PASSWORD 'x', CREATE USER ... IDENTIFIED [WITH type] BY 'x',
	// named arguments (password = 'x', secret_access_key = 'x'), AccountKey= in a connection string.
	private static final Pattern KEYWORDS = Pattern.compile("(?i)(\\bPASSWORD\\s+|\\bIDENTIFIED\\s+(?:WITH\\s+\\w+\\s+)?BY\\s+"
			+ "|\\b(?:password|secret_access_key|aws_secret_access_key|account_key|hmac_secret|session_token)\\s*=\\s*)"
			+ "'(?:[^'\\\\]|\\\\.|'')*'");

	private static final Pattern ACCOUNT_KEY = Pattern.compile("(?i)(AccountKey=)[^;'\\s]+");

	// Formats that may stand second in s3(url, format, ...): then there is no key pair.
	private static final Set<String> FORMATS = Set.of("csv", "tsv", "tabseparated", "csvwithnames", "parquet",
			"orc", "avro", "arrow", "jsoneachrow", "jsonlines", "ndjson", "native", "rowbinary", "values", "json",
			"tabseparatedwithnames", "tsvwithnames", "lineasstring", "rawblob", "npy", "bsoneachrow", "protobuf");

	private final List<String> values;

	private Secrets(List<String> values) {
		this.values = values.stream().filter((value) -> !value.isEmpty())
			.sorted(Comparator.comparingInt(String::length).reversed())
			.toList();
	}

	/** Whether a placeholder of this name is secret by its name. */
	public static boolean isSecretName(String name) {
		return SECRET_NAME.matcher(name).matches();
	}

	/**
	 * The secrets among {@code placeholders}: those secret by name, and those named in {@code declared}.
	 */
	public static Secrets of(Map<String, String> placeholders, Collection<String> declared) {
		List<String> values = new ArrayList<>();
		placeholders.forEach((name, value) -> {
			if (value != null && (isSecretName(name) || declared.contains(name))) {
				values.add(value);
			}
		});
		return new Secrets(values);
	}

	/** {@code text} with every secret masked; {@code null} stays {@code null}. */
	public String mask(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String masked = text;
		for (String value : this.values) {
			masked = masked.replace(value, MASK);
		}
		masked = maskCalls(masked);
		masked = KEYWORDS.matcher(masked).replaceAll((match) -> Matcher.quoteReplacement(match.group(1) + "'" + MASK + "'"));
		return ACCOUNT_KEY.matcher(masked).replaceAll("$1" + MASK);
	}

	/**
	 * {@code failure} with every message in its chain masked: itself when nothing is secret, else a
	 * copy ({@link MaskedException}) that keeps the class names and stack traces.
	 */
	public Throwable mask(Throwable failure) {
		if (failure == null || !needsMasking(failure)) {
			return failure;
		}
		Throwable copy = new MaskedException(failure.getClass().getName()
				+ ((failure.getMessage() != null) ? ": " + mask(failure.getMessage()) : ""), mask(failure.getCause()));
		copy.setStackTrace(failure.getStackTrace());
		for (Throwable suppressed : failure.getSuppressed()) {
			copy.addSuppressed(mask(suppressed));
		}
		return copy;
	}

	private boolean needsMasking(Throwable failure) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			String message = current.getMessage();
			if (message != null && !mask(message).equals(message)) {
				return true;
			}
			for (Throwable suppressed : current.getSuppressed()) {
				if (needsMasking(suppressed)) {
					return true;
				}
			}
		}
		return false;
	}

	// The credential argument of each call, when it is a string literal.
	private static String maskCalls(String text) {
		StringBuilder result = new StringBuilder(text);
		Matcher call = CALL.matcher(text);
		List<int[]> spans = new ArrayList<>();
		while (call.find()) {
			List<int[]> arguments = arguments(text, call.end());
			int secret = secretArgument(call.group(1).toLowerCase(Locale.ROOT), text, arguments);
			if (secret >= 0 && secret < arguments.size()) {
				int[] span = arguments.get(secret);
				if (span[0] < span[1] && text.charAt(span[0]) == '\'') {
					spans.add(span);
				}
			}
		}
		// From the end, so that earlier spans keep their places.
		for (int i = spans.size() - 1; i >= 0; i--) {
			result.replace(spans.get(i)[0], spans.get(i)[1], "'" + MASK + "'");
		}
		return result.toString();
	}

	// Which argument holds the credential, as ClickHouse decides when it hides them; -1 for none.
	private static int secretArgument(String function, String text, List<int[]> arguments) {
		int count = arguments.size();
		return switch (function) {
			case "postgresql", "mysql", "materializedpostgresql", "materializedmysql" -> (count == 4) ? 3 : 4;
			case "mongodb" -> 4;
			case "remote", "remotesecure" -> {
				// remote(addresses, db.table, user, password) or remote(addresses, db, table, user, password)
				String second = (count > 1) ? literal(text, arguments.get(1)) : null;
				yield (second != null && second.contains(".") && count == 4) ? 3 : 4;
			}
			case "s3", "gcs" -> keyPair(text, arguments, 1);
			case "s3cluster" -> keyPair(text, arguments, 2);
			case "azureblobstorage" -> 4;
			case "azureblobstoragecluster" -> 5;
			default -> -1;
		};
	}

	// s3(url, access_key_id, secret_access_key, ...): the secret follows the key id, unless a format stands there.
	private static int keyPair(String text, List<int[]> arguments, int keyId) {
		if (arguments.size() <= keyId + 1) {
			return -1;
		}
		String id = literal(text, arguments.get(keyId));
		return (id != null && !FORMATS.contains(id.toLowerCase(Locale.ROOT))) ? keyId + 1 : -1;
	}

	private static String literal(String text, int[] span) {
		String argument = text.substring(span[0], span[1]);
		return (argument.length() >= 2 && argument.startsWith("'") && argument.endsWith("'"))
				? argument.substring(1, argument.length() - 1) : null;
	}

	// The spans of the top-level arguments of a call whose '(' ends at start, blanks trimmed.
	private static List<int[]> arguments(String text, int start) {
		List<int[]> spans = new ArrayList<>();
		int depth = 0;
		int from = start;
		for (int i = start; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\'' || c == '"' || c == '`') {
				i = closing(text, i, c);
			}
			else if (c == '(' || c == '[') {
				depth++;
			}
			else if ((c == ')' || c == ']') && depth > 0) {
				depth--;
			}
			else if (c == ',' && depth == 0) {
				spans.add(trim(text, from, i));
				from = i + 1;
			}
			else if (c == ')') {
				spans.add(trim(text, from, i));
				return spans;
			}
		}
		spans.add(trim(text, from, text.length()));
		return spans;
	}

	// The index of the quote that closes the one at start (backslash escapes, doubled quotes).
	private static int closing(String text, int start, char quote) {
		for (int i = start + 1; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (c == quote) {
				if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
					i++;
				}
				else {
					return i;
				}
			}
		}
		return text.length() - 1;
	}

	private static int[] trim(String text, int from, int to) {
		while (from < to && Character.isWhitespace(text.charAt(from))) {
			from++;
		}
		while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
			to--;
		}
		return new int[] { from, to };
	}

	/** A failure whose message was masked; it names the class of the failure it stands for. */
	public static final class MaskedException extends RuntimeException {

		MaskedException(String message, Throwable cause) {
			super(message, cause);
		}

		@Override
		public String toString() {
			return getMessage();
		}

	}

}
