package org.clickhousemigrations.autoconfigure.command;

import java.util.List;

/** Every verb of command mode, in one place. */
final class Commands {

	/** The commands, in the order help lists them. */
	static final List<Command> ALL = List.of(new StatusCommand(), new MigrateCommand(), new ValidateCommand(),
			new DryRunCommand(), new LintCommand(), new RollbackCommand(), new RepairCommand(), new BaselineCommand(),
			new GenerateCommand(), new DiffCommand(), new ImportCommand(), new HistoryCommand(), new ExportCommand(),
			new ReportCommand());

	private Commands() {
	}

	/** @throws IllegalArgumentException naming the verbs there are */
	static Command of(String verb) {
		return ALL.stream()
			.filter((command) -> command.verb().equals(verb))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown command '" + verb + "'; use one of "
					+ String.join(", ", ALL.stream().map(Command::verb).toList())));
	}

}
