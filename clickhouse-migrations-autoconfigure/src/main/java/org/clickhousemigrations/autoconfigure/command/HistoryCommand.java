package org.clickhousemigrations.autoconfigure.command;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.clickhousemigrations.autoconfigure.report.HistoryDocument;
import org.clickhousemigrations.model.AppliedMigration;

/** {@code history}: every history row of a database, oldest first, as a table or JSON. */
final class HistoryCommand implements Command {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private static final String[] HEADERS = { "Installed on (UTC)", "Module", "Version", "Event", "Done", "By", "ms",
			"Error" };

	@Override
	public String verb() {
		return "history";
	}

	@Override
	public int run(CommandContext context) {
		String database = context.database();
		List<AppliedMigration> rows = context.migrations().history(database);
		if (context.json()) {
			context.printJson(HistoryDocument.of(database, rows));
			return 0;
		}
		context.out().println("History of database '" + database + "', oldest first (" + rows.size() + " rows)");
		List<String[]> cells = new ArrayList<>();
		for (AppliedMigration row : rows) {
			cells.add(new String[] { TIME.format(row.installedOn()), row.key().module(), row.key().version().toString(),
					row.event().name(), row.statementsDone() + "/" + row.statementsTotal(), row.installedBy(),
					Long.toString(row.executionTimeMs()), row.error().lines().findFirst().orElse("") });
		}
		if (!cells.isEmpty()) {
			context.out().print(StatusTable.table(HEADERS, cells));
		}
		return 0;
	}

}
