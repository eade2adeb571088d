package org.clickhousemigrations.autoconfigure.command;

/**
 * One verb of command mode ({@code --clickhouse.migrations.command=<verb>}). {@link Commands}
 * lists them all.
 */
interface Command {

	/** What users type. */
	String verb();

	/** Whether {@code --clickhouse.migrations.dry-run=true} is a dry run of this command. */
	default boolean hasDryRun() {
		return false;
	}

	/** Whether {@code --clickhouse.migrations.output=sarif} is a report this command writes. */
	default boolean writesSarif() {
		return false;
	}

	/**
	 * Runs the command, its report on {@link CommandContext#out()}.
	 * @return the exit code: 0 when it did what it says, 1 when it found problems or differences
	 */
	int run(CommandContext context);

}
