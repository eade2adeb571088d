package org.clickhousemigrations.autoconfigure.command;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import org.clickhousemigrations.GeneratedMigration;
import org.clickhousemigrations.generate.MigrationGenerator;

/**
 * {@code generate}: writes the next migration of a module, empty (SQL or Java), from a template, or
 * from the declared schema ({@code from=schema}, with drops commented out unless allow-drop).
 */
final class GenerateCommand implements Command {

	@Override
	public String verb() {
		return "generate";
	}

	@Override
	public int run(CommandContext context) {
		CommandArguments arguments = context.arguments();
		String module = context.module(verb());
		Path root = Path.of("").toAbsolutePath();
		if (arguments.getFrom() != null) {
			if (!arguments.getFrom().equals("schema")) {
				throw new IllegalArgumentException("generate --clickhouse.migrations.from takes 'schema', not '"
						+ arguments.getFrom() + "'");
			}
			fromSchema(context, module, root);
			return 0;
		}
		if (arguments.getTemplate() != null) {
			String description = CommandContext.required(arguments.getName(), verb(),
					"--clickhouse.migrations.name=<description>");
			Path file = MigrationGenerator.generateSql(root, context.location(), context.migrations().resolved(), module,
					description, MigrationGenerator.Template.of(arguments.getTemplate()).render(description));
			context.out().println("Wrote " + file + "; replace the names in it, then start the application or run migrate");
			return 0;
		}
		MigrationGenerator.Kind kind = MigrationGenerator.Kind.valueOf(arguments.getType().toUpperCase(Locale.ROOT));
		Path file = MigrationGenerator.generate(root, context.location(), context.migrations().resolved(), module,
				arguments.getName(), kind);
		context.out().println("Wrote " + file);
		return 0;
	}

	// The migration that takes what the module's migrations make to what it declares, for review.
	private static void fromSchema(CommandContext context, String module, Path root) {
		boolean allowDrop = context.arguments().isAllowDrop();
		String description = (context.arguments().getName() != null) ? context.arguments().getName() : "schema changes";
		Optional<GeneratedMigration> written = context.schemas().generate(context.database(), module, description,
				allowDrop, root, context.location());
		if (written.isEmpty()) {
			context.out().println("No difference: the migrations of module '" + module + "' make its declared schema; "
					+ "nothing written.");
			return;
		}
		GeneratedMigration migration = written.get();
		int count = migration.changes().size();
		context.out().println("Wrote " + migration.file() + " (" + count + " change" + ((count == 1) ? "" : "s")
				+ "); review it, then start the application or run migrate");
		if (!allowDrop && migration.drops()) {
			context.err().println("clickhouse-migrations generate: statements that drop data are commented out in "
					+ migration.file().getFileName() + "; uncomment them once reviewed, or use "
					+ "--clickhouse.migrations.allow-drop=true");
		}
	}

}
