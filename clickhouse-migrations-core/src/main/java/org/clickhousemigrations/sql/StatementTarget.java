package org.clickhousemigrations.sql;

import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a statement writes to, read from its first words: the table of an {@code INSERT}, of an
 * {@code ALTER TABLE} (whose commands may create a mutation) or of a lightweight {@code DELETE},
 * and whether it runs {@code ON CLUSTER}. Enough to look up what a failed statement left behind;
 * not a parser.
 *
 * @param kind what the statement does to the table
 * @param database the database named before the table, or {@code null} for the connection's
 * @param table the table, unquoted
 * @param onCluster whether the statement names {@code ON CLUSTER}
 */
public record StatementTarget(Kind kind, String database, String table, boolean onCluster) {

	/** Comments and blanks before a statement: {@code --} and {@code #} lines, {@code /* *}{@code /} blocks. */
	public static final Pattern LEADING_COMMENTS = Pattern.compile("\\A(?:\\s+|--[^\\n]*|#[^\\n]*|/\\*.*?\\*/)*",
			Pattern.DOTALL);

	/** A name as SQL writes it: bare, in backticks or in double quotes ({@link #unquote(String)} reads it). */
	public static final String NAME = "(?:`(?:[^`\\\\]|\\\\.)+`|\"(?:[^\"\\\\]|\\\\.)+\"|[A-Za-z_][\\w$]*)";

	private static final Pattern TARGET = Pattern.compile("(?is)(INSERT\\s+INTO(?:\\s+TABLE)?|ALTER\\s+TABLE|DELETE\\s+FROM)"
			+ "\\s+(?:IF\\s+EXISTS\\s+)?(" + NAME + ")(?:\\s*\\.\\s*(" + NAME + "))?");

	private static final Pattern ON_CLUSTER = Pattern.compile("(?is)\\bON\\s+CLUSTER\\b");

	/** What the statement does to its table. */
	public enum Kind {

		/** Writes rows, block by block: a failure may leave the blocks written before it. */
		INSERT,

		/** Changes the table; its commands may create a mutation that outlives the statement. */
		ALTER,

		/** A lightweight delete, which ClickHouse runs as a mutation. */
		DELETE

	}

	/** The target of {@code sql}, if it is an {@code INSERT}, {@code ALTER TABLE} or {@code DELETE FROM}. */
	public static Optional<StatementTarget> of(String sql) {
		String statement = withoutLeadingComments(sql);
		Matcher matcher = TARGET.matcher(statement);
		if (!matcher.lookingAt()) {
			return Optional.empty();
		}
		String verb = matcher.group(1).toUpperCase().replaceAll("\\s+", " ");
		Kind kind = verb.startsWith("INSERT") ? Kind.INSERT : verb.startsWith("ALTER") ? Kind.ALTER : Kind.DELETE;
		boolean qualified = matcher.group(3) != null;
		String database = qualified ? unquote(matcher.group(2)) : null;
		String table = unquote(qualified ? matcher.group(3) : matcher.group(2));
		return Optional.of(new StatementTarget(kind, database, table, ON_CLUSTER.matcher(statement).find()));
	}

	/** The first match of {@code directive} in the comments that lead {@code sql}, if any. */
	public static Optional<MatchResult> directive(String sql, Pattern directive) {
		Matcher leading = LEADING_COMMENTS.matcher(sql);
		Matcher found = leading.lookingAt() ? directive.matcher(leading.group()) : null;
		return (found != null && found.find()) ? Optional.of(found.toMatchResult()) : Optional.empty();
	}

	/** The statement without the comments and blanks before it. */
	public static String withoutLeadingComments(String sql) {
		return LEADING_COMMENTS.matcher(sql).replaceFirst("");
	}

	/** Whether {@code sql} is an {@code INSERT}. */
	public static boolean isInsert(String sql) {
		return of(sql).map((target) -> target.kind() == Kind.INSERT).orElse(false);
	}

	/** Whether {@code sql}, any statement, names {@code ON CLUSTER}. */
	public static boolean isOnCluster(String sql) {
		return sql != null && ON_CLUSTER.matcher(withoutLeadingComments(sql)).find();
	}

	/** Whether the statement may leave a mutation behind (an ALTER, a lightweight DELETE). */
	public boolean mayMutate() {
		return this.kind != Kind.INSERT;
	}

	/** {@code database.table}, the database being {@code defaultDatabase} when the statement names none. */
	public String qualifiedName(String defaultDatabase) {
		return ((this.database != null) ? this.database : defaultDatabase) + "." + this.table;
	}

	/** A name matched by {@link #NAME}, its quotes and escapes taken off. */
	public static String unquote(String name) {
		char first = name.charAt(0);
		if (first == '`' || first == '"') {
			return name.substring(1, name.length() - 1).replaceAll("\\\\(.)", "$1");
		}
		return name;
	}

}
