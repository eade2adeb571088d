package org.clickhousemigrations.execute;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.clickhousemigrations.sql.StatementTarget;

/** What a dry run says a live run does when a statement fails, by the kind of statement. */
final class FailureNotes {

	// The ALTER commands that ClickHouse runs as mutations.
	private static final Pattern MUTATES = Pattern.compile("(?i)\\b(?:UPDATE|DELETE|MATERIALIZE|CLEAR|APPLY|"
			+ "MODIFY\\s+COLUMN|DROP\\s+COLUMN)\\b");

	private FailureNotes() {
	}

	/** The first lines of a dry-run script, a comment each: how answers of ClickHouse are treated. */
	static List<String> header(Retry retry) {
		String refused = ErrorClasses.table().values().stream()
			.filter((each) -> each.handling() == ErrorClasses.Handling.RETRY)
			.map((each) -> each.code() + " " + each.name())
			.sorted()
			.collect(Collectors.joining(", "));
		return List.of("-- If ClickHouse refuses a statement before running it (" + refused + "), it is sent again up to "
				+ retry.attempts() + " times within " + retry.maxWait().toSeconds() + " s.", "-- If the answer is lost "
				+ "(a dropped connection, 999 KEEPER_EXCEPTION, 319 UNKNOWN_STATUS_OF_INSERT), system.query_log is "
				+ "asked what became of it before anything is sent again.");
	}

	/** What happens when this statement ({@code null}: a Java step) fails, or {@code null} for nothing special. */
	static String of(String sql) {
		if (sql == null) {
			return "if it stops half way, it is replayed: reads run again, writes that finished are skipped";
		}
		Optional<ChunkedCopy> copy = ChunkedCopy.of(sql);
		if (copy.isPresent()) {
			return copy.get().failureNote();
		}
		StatementTarget target = StatementTarget.of(sql).orElse(null);
		if (target != null && target.kind() == StatementTarget.Kind.INSERT) {
			return "if it fails after writing rows, the run stops (PARTIAL) instead of writing them twice";
		}
		if (target != null && target.mayMutate() && MUTATES.matcher(sql).find()) {
			return "if its mutation fails, ClickHouse retries it and the next run waits for it; it is never sent twice";
		}
		if (StatementTarget.isOnCluster(sql)) {
			return "if it times out, the hosts that have not finished are waited for in "
					+ "system.distributed_ddl_queue; it is never sent twice";
		}
		return null;
	}

}
