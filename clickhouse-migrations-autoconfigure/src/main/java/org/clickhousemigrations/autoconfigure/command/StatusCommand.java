package org.clickhousemigrations.autoconfigure.command;

import org.clickhousemigrations.autoconfigure.report.StatusDocument;

/** {@code status}: the state of every database and migration, as a table or JSON. */
final class StatusCommand implements Command {

	@Override
	public String verb() {
		return "status";
	}

	@Override
	public int run(CommandContext context) {
		if (context.json()) {
			context.printJson(StatusDocument.of(context.migrations()));
		}
		else {
			context.printStatus();
		}
		return 0;
	}

}
