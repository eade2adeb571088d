package org.clickhousemigrations.autoconfigure.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.clickhousemigrations.DatabaseReport;
import org.clickhousemigrations.MigrationInfo;
import org.clickhousemigrations.MigrationsReport;
import org.clickhousemigrations.diff.RememberedSchema;

/** The state of every database as a table for a terminal. */
final class StatusTable {

	private static final String[] HEADERS = { "Module", "Version", "Description", "Type", "State", "Installed on" };

	private StatusTable() {
	}

	static String render(MigrationsReport report) {
		StringBuilder out = new StringBuilder();
		for (DatabaseReport database : report.databases().values()) {
			out.append("Database '").append(database.name()).append("': ").append(database.status())
				.append(" (history ").append(database.historyTable()).append(database.migrate() ? "" : ", migrate=false")
				.append(database.readonly() ? ", readonly" : "").append(")\n");
			if (database.error() != null) {
				out.append("  ").append(database.error().lines().findFirst().orElse("")).append('\n');
			}
			List<String[]> rows = new ArrayList<>();
			for (MigrationInfo info : database.migrations()) {
				// The same rule as the JSON and HTML reports: an installation shows when applied, or a problem.
				rows.add(new String[] { info.key().module(), info.key().version().toString(), info.description(),
						info.type().name(), info.state().name(),
						info.isRecorded() ? info.applied().installedOn().toString() : "" });
			}
			if (!rows.isEmpty()) {
				out.append(table(HEADERS, rows));
			}
			schema(out, database.schema());
			out.append('\n');
		}
		return out.toString();
	}

	private static void schema(StringBuilder out, RememberedSchema schema) {
		if (schema.snapshot() == 0) {
			return;
		}
		out.append("  Schema: snapshot ").append(schema.snapshot()).append(" of ").append(schema.takenAt())
			.append(", fingerprint ").append(schema.fingerprint()).append(", ").append(schema.objects().size())
			.append((schema.objects().size() == 1) ? " object" : " objects");
		out.append(schema.drift().isEmpty() ? ", no drift\n" : ", drift:\n");
		schema.drift().forEach((drift) -> out.append("    ").append(drift.object()).append(": ")
			.append(drift.change().lines().findFirst().orElse("")).append('\n'));
		schema.objects().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach((object) -> out
			.append("    ").append(object.getKey()).append(' ').append(object.getValue()).append('\n'));
	}

	/** Rows under their headers, in columns as wide as their widest cell. */
	static String table(String[] headers, List<String[]> rows) {
		int[] widths = new int[headers.length];
		for (int i = 0; i < headers.length; i++) {
			widths[i] = headers[i].length();
			for (String[] row : rows) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		StringBuilder text = new StringBuilder();
		line(text, headers, widths);
		StringBuilder rule = new StringBuilder();
		for (int width : widths) {
			rule.append("+").append("-".repeat(width + 2));
		}
		text.append("  ").append(rule).append("+\n");
		rows.forEach((row) -> line(text, row, widths));
		return text.toString();
	}

	private static void line(StringBuilder out, String[] cells, int[] widths) {
		out.append("  ");
		for (int i = 0; i < cells.length; i++) {
			out.append("| ").append(cells[i]).append(" ".repeat(widths[i] - cells[i].length() + 1));
		}
		out.append("|\n");
	}

}
