package org.clickhousemigrations.autoconfigure.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.clickhousemigrations.diff.SchemaChange;

/** {@code diff}: the statements that take a module's migrations to its declared schema; exit 1 when there are some. */
final class DiffCommand implements Command {

	@Override
	public String verb() {
		return "diff";
	}

	@Override
	public int run(CommandContext context) {
		String module = context.module(verb());
		List<SchemaChange> changes = context.schemas().diff(context.database(), module);
		if (context.json()) {
			Map<String, Object> document = new LinkedHashMap<>();
			document.put("database", context.database());
			document.put("module", module);
			document.put("differences", changes);
			context.printJson(document);
			return changes.isEmpty() ? 0 : 1;
		}
		if (changes.isEmpty()) {
			context.out().println("No difference");
			return 0;
		}
		for (SchemaChange change : changes) {
			context.out().println("-- " + change.object() + ": " + change.change());
			for (String statement : change.forward()) {
				// A statement that drops data is shown, never offered as is.
				context.out().println((change.drops() ? "-- drops data: " : "") + statement + ";");
			}
		}
		context.err().println("clickhouse-migrations diff: " + changes.size() + " difference"
				+ ((changes.size() == 1) ? "" : "s") + " between the migrations and the declared schema of module '"
				+ module + "'");
		return 1;
	}

}
