package org.clickhousemigrations.autoconfigure.command;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.DeclaredSchemas;
import org.clickhousemigrations.autoconfigure.UnknownKeys;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.util.StringUtils;

/**
 * Command mode: {@code --clickhouse.migrations.command=<command>} runs that command
 * ({@link Commands}) once the application is ready, instead of the boot-time migration, prints a
 * report and exits: 0 on success, 1 with the reason on failure (or when validate or diff find
 * something).
 */
public class ClickHouseMigrationsCommandRunner implements ApplicationListener<ApplicationReadyEvent> {

	private final ClickHouseMigrations migrations;

	private final DeclaredSchemas schemas;

	private final CommandArguments arguments;

	private final String location;

	private final CommandExit exit;

	private final PrintStream out;

	private final PrintStream err;

	/**
	 * @param location the first migration location, where generate writes
	 * @param out where the report goes (standard output)
	 * @param err where a failure's reason goes (standard error)
	 */
	public ClickHouseMigrationsCommandRunner(ClickHouseMigrations migrations, DeclaredSchemas schemas,
			CommandArguments arguments, String location, CommandExit exit, PrintStream out, PrintStream err) {
		this.migrations = migrations;
		this.schemas = schemas;
		this.arguments = arguments;
		this.location = location;
		this.exit = exit;
		this.out = out;
		this.err = err;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (!StringUtils.hasText(this.arguments.getCommand())) {
			return;
		}
		String verb = this.arguments.getCommand().trim().toLowerCase(Locale.ROOT);
		int code;
		try {
			// A key nobody binds would be ignored: with a typo in dry-run, a rollback would really run.
			List<String> unknown = UnknownKeys.of(event.getApplicationContext().getEnvironment());
			if (!unknown.isEmpty()) {
				throw new IllegalArgumentException("unknown configuration key" + ((unknown.size() == 1) ? " " : "s ")
						+ String.join(", ", unknown) + "; nothing was run");
			}
			Command command = Commands.of(verb);
			// Whoever asks for a dry run must not get a real one.
			if (this.arguments.isDryRun() && !command.hasDryRun()) {
				throw new IllegalArgumentException(verb + " has no dry run; leave out --clickhouse.migrations.dry-run ("
						+ String.join(", ", Commands.ALL.stream().filter(Command::hasDryRun).map(Command::verb).toList())
						+ " have one)");
			}
			if (this.arguments.getOutput() == CommandArguments.Output.SARIF && !command.writesSarif()) {
				throw new IllegalArgumentException(verb + " writes no SARIF; use --clickhouse.migrations.output=text or "
						+ "json (lint writes SARIF)");
			}
			code = command.run(new CommandContext(this.migrations, this.schemas, this.arguments, this.location, this.out,
					this.err));
		}
		catch (ClickHouseMigrationException | IllegalArgumentException | UncheckedIOException
				| UnsupportedOperationException ex) {
			this.err.println("clickhouse-migrations " + verb + " failed: " + ex.getMessage());
			code = 1;
		}
		this.out.flush();
		this.exit.exit(code);
	}

}
