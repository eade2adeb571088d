package org.clickhousemigrations.autoconfigure.command;

import java.nio.file.Path;
import java.util.List;

import org.clickhousemigrations.autoconfigure.report.HistoryDocument;
import org.clickhousemigrations.autoconfigure.report.Documents;
import org.clickhousemigrations.model.AppliedMigration;

/** {@code export}: the history of a database to a JSON file that {@code import} reads back. */
final class ExportCommand implements Command {

	@Override
	public String verb() {
		return "export";
	}

	@Override
	public int run(CommandContext context) {
		Path file = Path.of(CommandContext.required(context.arguments().getFile(), verb(),
				"--clickhouse.migrations.file=<path.json>"));
		String database = context.database();
		List<AppliedMigration> rows = context.migrations().history(database);
		CommandContext.write(file, Documents.write(HistoryDocument.of(database, rows)) + "\n");
		context.out().println("Wrote " + rows.size() + " history rows of database '" + database + "' to " + file);
		return 0;
	}

}
