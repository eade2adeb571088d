package org.clickhousemigrations.autoconfigure.command;

/** {@code migrate}: applies what is pending, up to the target if one is given; with dry-run, prints it. */
final class MigrateCommand implements Command {

	@Override
	public String verb() {
		return "migrate";
	}

	@Override
	public boolean hasDryRun() {
		return true;
	}

	@Override
	public int run(CommandContext context) {
		if (context.arguments().isDryRun()) {
			context.printDryRun(context.migrations().dryRun(context.target()));
			return 0;
		}
		context.migrations().migrate(context.target());
		context.printStatus();
		return 0;
	}

}
