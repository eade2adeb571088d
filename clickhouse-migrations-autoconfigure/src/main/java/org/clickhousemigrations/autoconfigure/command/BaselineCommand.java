package org.clickhousemigrations.autoconfigure.command;

import org.clickhousemigrations.model.MigrationKey;

/** {@code baseline}: declares a module to be at a version without running anything. */
final class BaselineCommand implements Command {

	@Override
	public String verb() {
		return "baseline";
	}

	@Override
	public int run(CommandContext context) {
		MigrationKey target = context.requiredTarget(verb());
		context.migrations().baseline(context.database(), target.module(), target.version().toString());
		context.out().println("Module '" + target.module() + "' of database '" + context.database() + "' baselined at "
				+ target.version() + ".");
		return 0;
	}

}
