package org.clickhousemigrations.autoconfigure.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.clickhousemigrations.autoconfigure.report.HistoryDocument;

/**
 * {@code import}: adopts the history another tool kept (what it applied is recorded as applied
 * here), or writes an exported history file into an empty history; with dry-run, prints it.
 */
final class ImportCommand implements Command {

	@Override
	public String verb() {
		return "import";
	}

	@Override
	public boolean hasDryRun() {
		return true;
	}

	@Override
	public int run(CommandContext context) {
		String from = CommandContext.required(context.arguments().getFrom(), verb(),
				"--clickhouse.migrations.from=<flyway|golang-migrate|goose|dbmate|liquibase|file.json>");
		boolean dryRun = context.arguments().isDryRun();
		if (from.toLowerCase(Locale.ROOT).endsWith(".json")) {
			restore(context, Path.of(from), dryRun);
			return 0;
		}
		String target = context.arguments().getTarget();
		String module = (target == null || target.isBlank()) ? null : context.module(verb());
		List<String> lines = context.migrations().importHistory(context.database(), module, from, dryRun);
		context.out().println((dryRun ? "Would record " : "Recorded ") + lines.size() + " migration"
				+ ((lines.size() == 1) ? "" : "s") + " as applied by " + from + (dryRun ? "; nothing written (dry run)" : "")
				+ (lines.isEmpty() ? "." : ":"));
		lines.forEach((line) -> context.out().println("  " + line));
		return 0;
	}

	// The rows of an exported history, written into the empty history of the database.
	private static void restore(CommandContext context, Path file, boolean dryRun) {
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
		String database = context.database();
		List<String> lines = context.migrations().restoreHistory(database, document.applied(), dryRun);
		context.out().println((dryRun ? "Would write " : "Wrote ") + lines.size() + " history rows of database '"
				+ document.database() + "' into database '" + database + "'" + (dryRun ? "; nothing written (dry run)" : "")
				+ (lines.isEmpty() ? "." : ":"));
		lines.forEach((line) -> context.out().println("  " + line));
	}

}
