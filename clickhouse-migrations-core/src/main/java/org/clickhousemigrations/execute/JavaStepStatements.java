package org.clickhousemigrations.execute;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.clickhousemigrations.model.Checksums;
import org.clickhousemigrations.sql.StatementSettings;
import org.clickhousemigrations.sql.StatementTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection a Java step's code gets: every statement it sends carries an identity of the
 * step, so that a step stopped half way (failed, killed, its answer lost) is replayed, not run
 * again: reads run again, and writes that finished before are skipped. The {@code n}th write's
 * query id holds {@code n} and a checksum of its text; a replay whose {@code n}th write has other
 * text stops ({@link ChangedWriteException}), since what ran before cannot be matched to it.
 */
final class JavaStepStatements {

	private static final Logger logger = LoggerFactory.getLogger(JavaStepStatements.class);

	private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
			"executeBatch", "executeLargeBatch");

	private static final Pattern READ = Pattern.compile("(?is)(?:SELECT|WITH|SHOW|DESC|DESCRIBE|EXISTS|EXPLAIN)\\b.*");

	private final StatementId step;

	private final Map<Integer, String> finished;

	private int reads;

	private int writes;

	/**
	 * @param step the identity of this attempt of the step
	 * @param finished the writes that finished in earlier attempts, by number, with their checksums
	 */
	JavaStepStatements(StatementId step, Map<Integer, String> finished) {
		this.step = step;
		this.finished = finished;
	}

	/** The connection the step's code uses: {@code connection}, its statements identified. */
	Connection wrap(Connection connection) {
		return proxy(Connection.class, connection, (target, method, args) -> {
			Object result = invoke(target, method, args);
			if (result instanceof PreparedStatement prepared && method.getName().startsWith("prepare")) {
				return statement(PreparedStatement.class, prepared, (String) args[0]);
			}
			if (result instanceof Statement statement && method.getName().equals("createStatement")) {
				return statement(Statement.class, statement, null);
			}
			return result;
		});
	}

	/** How many writes the step sent or skipped so far. */
	int writes() {
		return this.writes;
	}

	private <S extends Statement> S statement(Class<S> type, S statement, String prepared) {
		return proxy(type, statement, (target, method, args) -> {
			if (!EXECUTE.contains(method.getName())) {
				return invoke(target, method, args);
			}
			String sql = (args != null && args.length > 0 && args[0] instanceof String text) ? text : prepared;
			String body = (sql != null) ? StatementTarget.withoutLeadingComments(sql) : "";
			if (method.getName().equals("executeQuery") || READ.matcher(body).matches()) {
				StatementSettings.apply(statement, this.step.javaReadQueryId(++this.reads), null, Map.of());
				return invoke(target, method, args);
			}
			int n = ++this.writes;
			String checksum = Checksums.of(String.valueOf(sql)).substring(0, 8);
			String before = this.finished.get(n);
			if (before != null) {
				if (!before.equals(checksum)) {
					throw new ChangedWriteException(n, sql);
				}
				logger.debug("Skipping write {} of a replayed Java step, which finished before: {}", n, sql);
				return skipped(method.getReturnType());
			}
			boolean insert = StatementTarget.isInsert(body);
			StatementSettings.apply(statement, this.step.javaWriteQueryId(n, checksum),
					insert ? this.step.javaDeduplicationToken(n) : null, Map.of());
			return invoke(target, method, args);
		});
	}

	// What a skipped write answers: no result set, no rows counted now (they were counted when it ran).
	private static Object skipped(Class<?> type) {
		if (type == boolean.class) {
			return false;
		}
		if (type == int.class) {
			return 0;
		}
		if (type == long.class) {
			return 0L;
		}
		if (type == int[].class) {
			return new int[0];
		}
		return (type == long[].class) ? new long[0] : null;
	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<T> type, T target, Handler handler) {
		return (T) Proxy.newProxyInstance(JavaStepStatements.class.getClassLoader(), new Class<?>[] { type },
				(proxy, method, args) -> handler.handle(target, method, args));
	}

	private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	@FunctionalInterface
	private interface Handler {

		Object handle(Object target, Method method, Object[] args) throws Throwable;

	}

	/** A replayed Java step sent, as its {@code n}th write, other text than the write that finished before. */
	static final class ChangedWriteException extends RuntimeException {

		private final int write;

		ChangedWriteException(int write, String sql) {
			super("write " + write + " of the Java step is now \"" + sql + "\", but write " + write + " that finished "
					+ "before had other text (or the step's code sends its writes in another order now), so it cannot "
					+ "be told which writes ran");
			this.write = write;
		}

		int write() {
			return this.write;
		}

	}

}
