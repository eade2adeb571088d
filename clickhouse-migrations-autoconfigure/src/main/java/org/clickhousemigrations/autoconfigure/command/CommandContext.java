package org.clickhousemigrations.autoconfigure.command;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.DeclaredSchemas;
import org.clickhousemigrations.DryRunReport;
import org.clickhousemigrations.autoconfigure.report.Documents;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.model.MigrationKey;

/**
 * What a {@link Command} works with: the engine, the declared schemas, the arguments of this run,
 * the first migration location (where generate writes), and standard output (the report) and
 * error (why it failed).
 */
record CommandContext(ClickHouseMigrations migrations, DeclaredSchemas schemas, CommandArguments arguments,
		String location, PrintStream out, PrintStream err) {

	boolean json() {
		return this.arguments.getOutput() == CommandArguments.Output.JSON;
	}

	/** The database named by the arguments, or the only one. */
	String database() {
		if (this.arguments.getDatabase() != null) {
			return this.arguments.getDatabase();
		}
		List<MigrationDatabase> databases = this.migrations.databases();
		if (databases.size() == 1) {
			return databases.get(0).name();
		}
		throw new IllegalArgumentException("several databases are configured; name one with "
				+ "--clickhouse.migrations.database=<name> (" + databases.stream().map(MigrationDatabase::name).toList()
				+ ")");
	}

	/** The target {@code module:version}, or {@code null}. */
	MigrationKey target() {
		String target = this.arguments.getTarget();
		return (target == null || target.isBlank()) ? null : MigrationKey.parse(target);
	}

	/** The target {@code module:version} that {@code verb} needs. */
	MigrationKey requiredTarget(String verb) {
		MigrationKey target = target();
		if (target == null) {
			throw new IllegalArgumentException(verb + " needs --clickhouse.migrations.target=<module>:<version>");
		}
		return target;
	}

	/** The module of the target, which {@code verb} needs. */
	String module(String verb) {
		String target = required(this.arguments.getTarget(), verb, "--clickhouse.migrations.target=<module>");
		return target.contains(":") ? target.substring(0, target.indexOf(':')) : target.trim();
	}

	static String required(String value, String verb, String what) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(verb + " needs " + what);
		}
		return value;
	}

	/** The state of every database, as a table. */
	void printStatus() {
		this.out.print(StatusTable.render(this.migrations.info()));
	}

	void printJson(Object document) {
		this.out.println(Documents.write(document));
	}

	/** What a dry run would send, each statement ended with {@code ;}, or as JSON. */
	void printDryRun(DryRunReport report) {
		if (json()) {
			printJson(report);
			return;
		}
		report.databases().forEach((database, script) -> {
			this.out.println("-- Database '" + database + "': " + (script.isEmpty() ? "nothing to do" : script.size()
					+ " statements"));
			// Each statement ends with ';' but the one-line notes.
			script.forEach((statement) -> this.out
				.println(statement + ((statement.startsWith("--") && !statement.contains("\n")) ? "" : ";")));
			this.out.println();
		});
	}

	static void write(Path file, String text) {
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
