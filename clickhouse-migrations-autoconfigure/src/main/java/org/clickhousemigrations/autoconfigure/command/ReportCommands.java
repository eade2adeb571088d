package org.clickhousemigrations.autoconfigure.command;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.autoconfigure.report.HistoryDocument;
import org.clickhousemigrations.autoconfigure.report.HtmlReport;
import org.clickhousemigrations.autoconfigure.report.Json;
import org.clickhousemigrations.model.AppliedMigration;

/**
 * The commands for operators that read rather than change: {@code history}, {@code export},
 * {@code report}, and {@code import} of an exported history.
 */
final class ReportCommands {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
		.withZone(ZoneOffset.UTC);

	private static final String[] HEADERS = { "Installed on (UTC)", "Module", "Version", "Event", "Done", "By", "ms",
			"Error" };

	private final ClickHouseMigrations migrations;

	private final PrintStream out;

	ReportCommands(ClickHouseMigrations migrations, PrintStream out) {
		this.migrations = migrations;
		this.out = out;
	}

	/** The history rows of the database, oldest first, as a table or as JSON. */
	void history(String database, boolean json) {
		List<AppliedMigration> rows = this.migrations.history(database);
		if (json) {
			this.out.println(Json.write(HistoryDocument.of(database, rows)));
			return;
		}
		this.out.println("History of database '" + database + "', oldest first (" + rows.size() + " rows)");
		List<String[]> cells = new ArrayList<>();
		for (AppliedMigration row : rows) {
			cells.add(new String[] { TIME.format(row.installedOn()), row.key().module(), row.key().version().toString(),
					row.event().name(), row.statementsDone() + "/" + row.statementsTotal(), row.installedBy(),
					Long.toString(row.executionTimeMs()), row.error().lines().findFirst().orElse("") });
		}
		if (!cells.isEmpty()) {
			this.out.print(StatusTable.table(HEADERS, cells));
		}
	}

	/** Writes the history of the database to a JSON file that {@code import} reads back. */
	void export(String database, Path file) {
		List<AppliedMigration> rows = this.migrations.history(database);
		write(file, Json.write(HistoryDocument.of(database, rows)) + "\n");
		this.out.println("Wrote " + rows.size() + " history rows of database '" + database + "' to " + file);
	}

	/** Writes the rows of an exported history into the empty history of the database. */
	void importFile(String database, Path file, boolean dryRun) {
		HistoryDocument document;
		try {
			document = HistoryDocument.read(Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("cannot read " + file + ": " + ex.getMessage(), ex);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(file + ": " + ex.getMessage(), ex);
		}
		List<String> lines = this.migrations.restoreHistory(database, document.applied(), dryRun);
		this.out.println((dryRun ? "Would write " : "Wrote ") + lines.size() + " history rows of database '"
				+ document.database() + "' into database '" + database + "'" + (dryRun ? "; nothing written (dry run)" : "")
				+ (lines.isEmpty() ? "." : ":"));
		lines.forEach((line) -> this.out.println("  " + line));
	}

	/** Writes the HTML report of every database. */
	void report(Path file) {
		write(file, HtmlReport.render(this.migrations, Instant.now()));
		this.out.println("Wrote " + file.toAbsolutePath());
	}

	private static void write(Path file, String text) {
		try {
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Files.writeString(file, text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
		}
	}

}
