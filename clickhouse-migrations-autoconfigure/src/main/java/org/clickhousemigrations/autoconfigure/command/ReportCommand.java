package org.clickhousemigrations.autoconfigure.command;

import java.nio.file.Path;
import java.time.Instant;

import org.clickhousemigrations.autoconfigure.report.HtmlReport;

/** {@code report}: a self-contained HTML page of every database (to {@code file}, by default clickhouse-migrations-report.html). */
final class ReportCommand implements Command {

	@Override
	public String verb() {
		return "report";
	}

	@Override
	public int run(CommandContext context) {
		String name = context.arguments().getFile();
		Path file = Path.of((name != null) ? name : "clickhouse-migrations-report.html");
		CommandContext.write(file, HtmlReport.render(context.migrations(), Instant.now()));
		context.out().println("Wrote " + file.toAbsolutePath());
		return 0;
	}

}
