package org.clickhousemigrations.execute;

import java.util.LinkedHashMap;
import java.util.Map;

import org.clickhousemigrations.sql.ClickHouseErrors;
import org.clickhousemigrations.sql.StatementTarget;

/**
 * What the executor does with each answer of ClickHouse that is not a success, in one table (the
 * README's "Safety" section shows the same). A replicated ClickHouse (a cluster, a
 * {@code Replicated} database, ClickHouse Cloud) refuses some statements before running them, with
 * errors meant to be retried, and answers others with an error after it did the work.
 */
public final class ErrorClasses {

	/** How an answer is handled. */
	public enum Handling {

		/** Refused before it ran: sent again after a back-off, up to the retry limits. */
		RETRY,

		/** It may have run: ClickHouse is asked what became of it before anything is sent again. */
		LOOK_UP,

		/** It ran and failed: what it left behind (rows written, a mutation) is looked up before it runs again. */
		FAILED

	}

	/** One error code and how it is handled. */
	public record ErrorClass(int code, String name, Handling handling) {
	}

	/** The code of a distributed DDL that outlived {@code distributed_ddl_task_timeout}. */
	static final int TIMEOUT_EXCEEDED = 159;

	private static final Map<Integer, ErrorClass> TABLE = new LinkedHashMap<>();

	static {
		add(517, "CANNOT_ASSIGN_ALTER", Handling.RETRY);
		add(242, "TABLE_IS_READ_ONLY", Handling.RETRY);
		add(252, "TOO_MANY_PARTS", Handling.RETRY);
		add(202, "TOO_MANY_SIMULTANEOUS_QUERIES", Handling.RETRY);
		add(473, "DEADLOCK_AVOIDED", Handling.RETRY);
		add(286, "UNSATISFIED_QUORUM_FOR_PREVIOUS_WRITE", Handling.RETRY);
		add(999, "KEEPER_EXCEPTION", Handling.LOOK_UP);
		add(319, "UNKNOWN_STATUS_OF_INSERT", Handling.LOOK_UP);
		// Only of an ON CLUSTER statement: the hosts go on in the background. Elsewhere the query was cancelled.
		add(TIMEOUT_EXCEEDED, "TIMEOUT_EXCEEDED", Handling.LOOK_UP);
	}

	private ErrorClasses() {
	}

	private static void add(int code, String name, Handling handling) {
		TABLE.put(code, new ErrorClass(code, name, handling));
	}

	/** Every error code with a handling of its own; all others are {@link Handling#FAILED}. */
	public static Map<Integer, ErrorClass> table() {
		return Map.copyOf(TABLE);
	}

	/**
	 * How the failure of {@code sql} (or of a Java step, {@code null}) is handled. A lost answer (no
	 * code, an I/O failure: a dropped or reset connection, a socket timeout) is looked up.
	 */
	public static Handling of(Throwable failure, String sql) {
		if (ClickHouseErrors.isLostAnswer(failure)) {
			return Handling.LOOK_UP;
		}
		int code = ClickHouseErrors.code(failure);
		if (code == TIMEOUT_EXCEEDED && !StatementTarget.isOnCluster(sql)) {
			return Handling.FAILED;
		}
		ErrorClass known = TABLE.get(code);
		return (known != null) ? known.handling() : Handling.FAILED;
	}

	/** The name ClickHouse gives the code of the failure, or the code alone. */
	public static String name(Throwable failure) {
		int code = ClickHouseErrors.code(failure);
		ErrorClass known = TABLE.get(code);
		return (known != null) ? code + " " + known.name() : (code != 0) ? String.valueOf(code) : "no code";
	}

}
