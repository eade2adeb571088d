package org.clickhousemigrations.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.history.ToolHistory;
import org.clickhousemigrations.history.ToolHistory.Tool;
import org.clickhousemigrations.model.MigrationVersion;

/**
 * Which migrations of a module another tool's history says are applied. Pure logic.
 */
public final class ImportPlanner {

	private ImportPlanner() {
	}

	/**
	 * The migrations to record as applied, in run order, and the one to record as the baseline, if any.
	 *
	 * @param applied the migrations the tool applied
	 * @param baseline the migration the tool was baselined at, or {@code null}
	 */
	public record Adoption(List<ResolvedMigration> applied, ResolvedMigration baseline) {
	}

	/**
	 * @param migrations the module's migrations, in run order
	 * @throws ClickHouseMigrationException naming every failed or dirty migration, and every version
	 * the tool applied that has no migration here
	 */
	public static Adoption plan(String database, String module, ToolHistory history, List<ResolvedMigration> migrations) {
		List<String> problems = new ArrayList<>(history.problems());
		List<ResolvedMigration> applied = new ArrayList<>();
		ResolvedMigration baseline = null;
		if (history.upTo() != null) {
			MigrationVersion upTo = MigrationVersion.parse(history.upTo());
			if (find(history.tool(), history.upTo(), migrations).isEmpty()) {
				problems.add("version " + history.upTo() + " has no migration in module '" + module + "'");
			}
			migrations.stream().filter((migration) -> migration.version().compareTo(upTo) <= 0).forEach(applied::add);
		}
		for (String id : history.applied()) {
			find(history.tool(), id, migrations).ifPresentOrElse(applied::add, () -> problems
				.add(((history.tool() == Tool.LIQUIBASE) ? "file " : "version ") + id + " has no migration in module '"
						+ module + "'"));
		}
		if (history.baseline() != null) {
			baseline = find(history.tool(), history.baseline(), migrations).orElse(null);
			if (baseline == null) {
				problems.add("the baseline version " + history.baseline() + " has no migration in module '" + module
						+ "'; baseline the module instead, at that version");
			}
		}
		if (!problems.isEmpty()) {
			throw new ClickHouseMigrationException("Cannot import the history of " + history.tool().id()
					+ " into database '" + database + "'; nothing was written:\n  - " + String.join("\n  - ", problems));
		}
		List<ResolvedMigration> inOrder = migrations.stream().filter(applied::contains).toList();
		return new Adoption(inOrder, baseline);
	}

	// By version; Liquibase names a file instead, as the path it was given, of which the name counts.
	private static Optional<ResolvedMigration> find(Tool tool, String id, List<ResolvedMigration> migrations) {
		if (tool == Tool.LIQUIBASE) {
			String fileName = id.substring(id.lastIndexOf('/') + 1);
			return migrations.stream()
				.filter((migration) -> migration.script().substring(migration.script().lastIndexOf('/') + 1)
					.equals(fileName))
				.findFirst();
		}
		MigrationVersion version;
		try {
			version = MigrationVersion.parse(id);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		return migrations.stream().filter((migration) -> migration.version().equals(version)).findFirst();
	}

}
