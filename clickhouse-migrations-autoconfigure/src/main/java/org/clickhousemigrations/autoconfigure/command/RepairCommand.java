package org.clickhousemigrations.autoconfigure.command;

import java.util.List;

/** {@code repair}: clears failures, re-aligns checksums, settles an unknown or partial outcome. */
final class RepairCommand implements Command {

	@Override
	public String verb() {
		return "repair";
	}

	@Override
	public int run(CommandContext context) {
		List<String> repaired = context.migrations().repair(context.database(), context.arguments().getOutcome());
		context.out().println(repaired.isEmpty() ? "Nothing to repair." : String.join("\n", repaired));
		return 0;
	}

}
