package org.clickhousemigrations.autoconfigure.command;

import java.util.LinkedHashMap;
import java.util.Map;

import org.clickhousemigrations.ValidationReport;

/** {@code validate}: every database against the migrations found; exit 1 with the problems and their fixes. */
final class ValidateCommand implements Command {

	@Override
	public String verb() {
		return "validate";
	}

	@Override
	public int run(CommandContext context) {
		ValidationReport report = context.migrations().validate();
		if (context.json()) {
			Map<String, Object> document = new LinkedHashMap<>();
			document.put("valid", report.isValid());
			document.put("problems", report.problems());
			context.printJson(document);
			return report.isValid() ? 0 : 1;
		}
		if (report.isValid()) {
			context.out().println("Valid: every database agrees with the application.");
			return 0;
		}
		for (ValidationReport.Problem problem : report.problems()) {
			context.out().println("Database '" + problem.database() + "': " + problem.kind() + " "
					+ ((problem.migration() != null) ? problem.migration() + " (" + problem.script() + ") " : "")
					+ problem.message() + "\n  fix: " + problem.fix());
		}
		context.err().println("clickhouse-migrations validate failed: " + report.problems().size() + " problem"
				+ ((report.problems().size() == 1) ? "" : "s"));
		return 1;
	}

}
