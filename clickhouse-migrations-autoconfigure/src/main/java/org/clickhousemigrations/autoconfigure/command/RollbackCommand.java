package org.clickhousemigrations.autoconfigure.command;

import org.clickhousemigrations.model.MigrationKey;

/** {@code rollback}: undoes the migrations of a module newer than the target; with dry-run, prints it. */
final class RollbackCommand implements Command {

	@Override
	public String verb() {
		return "rollback";
	}

	@Override
	public boolean hasDryRun() {
		return true;
	}

	@Override
	public int run(CommandContext context) {
		MigrationKey target = context.requiredTarget(verb());
		String version = target.version().toString();
		if (context.arguments().isDryRun()) {
			context.printDryRun(context.migrations().rollbackDryRun(context.database(), target.module(), version));
			return 0;
		}
		context.migrations().rollback(context.database(), target.module(), version);
		context.printStatus();
		return 0;
	}

}
