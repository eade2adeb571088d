package org.clickhousemigrations.autoconfigure.command;

import java.util.ArrayList;
import java.util.List;

import org.clickhousemigrations.DatabaseReport;
import org.clickhousemigrations.MigrationInfo;
import org.clickhousemigrations.MigrationsReport;

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
				boolean installed = info.applied() != null && info.state().isApplied();
				rows.add(new String[] { info.key().module(), info.key().version().toString(), info.description(),
						info.type().name(), info.state().name(), installed ? info.applied().installedOn().toString() : "" });
			}
			if (!rows.isEmpty()) {
				table(out, rows);
			}
			out.append('\n');
		}
		return out.toString();
	}

	private static void table(StringBuilder out, List<String[]> rows) {
		int[] widths = new int[HEADERS.length];
		for (int i = 0; i < HEADERS.length; i++) {
			widths[i] = HEADERS[i].length();
			for (String[] row : rows) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		line(out, HEADERS, widths);
		StringBuilder rule = new StringBuilder();
		for (int width : widths) {
			rule.append("+").append("-".repeat(width + 2));
		}
		out.append("  ").append(rule).append("+\n");
		rows.forEach((row) -> line(out, row, widths));
	}

	private static void line(StringBuilder out, String[] cells, int[] widths) {
		out.append("  ");
		for (int i = 0; i < cells.length; i++) {
			out.append("| ").append(cells[i]).append(" ".repeat(widths[i] - cells[i].length() + 1));
		}
		out.append("|\n");
	}

}
