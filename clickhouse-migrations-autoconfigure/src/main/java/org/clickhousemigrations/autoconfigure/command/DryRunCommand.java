package org.clickhousemigrations.autoconfigure.command;

/** {@code dry-run}: what migrate would send and record, nothing written. */
final class DryRunCommand implements Command {

	@Override
	public String verb() {
		return "dry-run";
	}

	@Override
	public boolean hasDryRun() {
		return true;
	}

	@Override
	public int run(CommandContext context) {
		context.printDryRun(context.migrations().dryRun(context.target()));
		return 0;
	}

}
