package org.clickhousemigrations.resolve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.model.Checksums;
import org.clickhousemigrations.model.MigrationKey;
import org.clickhousemigrations.model.MigrationType;
import org.clickhousemigrations.model.MigrationVersion;
import org.clickhousemigrations.resolve.MigrationName.Kind;
import org.clickhousemigrations.resolve.SqlScript.Chunk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.Resource;

/**
 * The SQL migrations of one module, in whichever format the module's files are written: this
 * library's and Flyway's {@code V<version>__x.sql} (with an optional {@code -- rollback} section,
 * or Flyway's {@code U<version>__x.sql}) and repeatable {@code R__x.sql} (which may stand beside
 * any format), golang-migrate's {@code <n>_x.up.sql} and {@code .down.sql}, goose, dbmate and
 * Liquibase formatted SQL (read by {@link MarkedScripts}), and plain {@code <n>_x.sql} with an
 * optional {@code <n>_x.down.sql}. A module holds one format; a version with two migrations, an
 * undo or down file without its migration, or two formats in one module are errors that name the
 * files. Sub-folders of a module written for another tool are not read, as that tool does not.
 */
final class SqlMigrationFiles {

	private static final Logger logger = LoggerFactory.getLogger(SqlMigrationFiles.class);

	/** The formats a module can be written in. */
	enum Format {

		FLYWAY("V<version>__<description>.sql", "'-- rollback' section (or U<version>__ file)"),
		GOLANG_MIGRATE("golang-migrate <n>_<description>.up.sql", ".down.sql file"),
		GOOSE("goose", "'-- +goose Down' section"), DBMATE("dbmate", "'-- migrate:down' section"),
		LIQUIBASE("Liquibase formatted SQL", "'--rollback' line in one of its change sets"),
		PLAIN("<n>_<description>.sql", ".down.sql file");

		private final String label;

		// What undoes a migration in this format, which one without it lacks.
		private final String rollback;

		Format(String label, String rollback) {
			this.label = label;
			this.rollback = rollback;
		}

	}

	private SqlMigrationFiles() {
	}

	/**
	 * The migrations of one module's SQL files.
	 * @param files the module's files by path relative to the location
	 * @param problems where every problem found is added, naming its files
	 */
	static List<ResolvedMigration> read(String module, Map<String, Resource> files, List<String> problems) {
		Map<MigrationVersion, Map<Kind, String>> versions = new TreeMap<>();
		Map<String, String> texts = new LinkedHashMap<>();
		Map<String, MigrationName> names = new LinkedHashMap<>();
		ownFolderOnly(module, files).forEach((path, resource) -> {
			try {
				MigrationName name = MigrationName.parseFile(path.substring(path.lastIndexOf('/') + 1));
				texts.put(path, resource.getContentAsString(StandardCharsets.UTF_8));
				names.put(path, name);
				String other = versions.computeIfAbsent(name.version(), (version) -> new TreeMap<>()).putIfAbsent(
						primary(name.kind()), path);
				if (other != null) {
					problems.add(MigrationResolver.usedTwice(module + ":" + name.version(), other, path));
				}
			}
			catch (IllegalArgumentException ex) {
				problems.add(path + ": " + ex.getMessage());
			}
			catch (IOException ex) {
				problems.add(path + " cannot be read: " + ex.getMessage());
			}
		});
		List<ResolvedMigration> migrations = new ArrayList<>();
		Map<Format, String> formats = new LinkedHashMap<>();
		versions.forEach((version, byKind) -> {
			String path = byKind.get(Kind.MIGRATION);
			String rollbackPath = byKind.get(Kind.DOWN);
			if (path == null) {
				problems.add(rollbackPath + " undoes version " + module + ":" + version + ", which has no migration file; "
						+ "add it or delete the file");
				return;
			}
			Kind kind = names.get(path).kind();
			try {
				SqlScript script;
				String noRollback;
				if (kind == Kind.REPEATABLE) {
					// Applied again whenever it changes, whatever the format of the others; never undone.
					script = new SqlScript(SqlScript.parse(texts.get(path)).forward(), null);
					noRollback = path + " is repeatable: it is applied again when it changes, never undone";
				}
				else {
					Format format = format(kind, texts.get(path));
					formats.putIfAbsent(format, path);
					script = script(format, texts.get(path), path, rollbackPath,
							(rollbackPath != null) ? texts.get(rollbackPath) : null);
					noRollback = path + " has no " + format.rollback;
				}
				if (script.forward().isEmpty()) {
					problems.add(path + " has no statement to run; add one or delete the file");
					return;
				}
				List<MigrationStep> rollback = (script.rollback() != null) ? steps(script.rollback()) : null;
				migrations.add(new ResolvedMigration(new MigrationKey(module, version), names.get(path).description(),
						MigrationType.SQL, path, Checksums.of(texts.get(path)), List.of(), steps(script.forward()),
						rollback, (rollback != null) ? null : noRollback));
			}
			catch (IllegalArgumentException ex) {
				problems.add(path + ": " + ex.getMessage());
			}
		});
		if (formats.size() > 1) {
			List<String> seen = new ArrayList<>();
			formats.forEach((format, path) -> seen.add(path + " (" + format.label + ")"));
			problems.add("Module '" + module + "' mixes formats: " + String.join(", ", seen) + ". A module holds one "
					+ "format; move the files of the others into a module of their own, or rewrite them.");
		}
		return migrations;
	}

	// golang-migrate, goose, dbmate and Liquibase's includeAll read one folder: in a module written
	// for them, a sub-folder (old files kept aside, say) is not part of it, as they do not read it.
	// Flyway's files may stand in sub-folders.
	private static Map<String, Resource> ownFolderOnly(String module, Map<String, Resource> files) {
		int depth = module.equals(MigrationResolver.DEFAULT_MODULE) ? 0 : 1;
		Map<String, Resource> own = new TreeMap<>();
		List<String> aside = new ArrayList<>();
		files.forEach((path, resource) -> {
			if (path.chars().filter((c) -> c == '/').count() == depth) {
				own.put(path, resource);
			}
			else {
				aside.add(path);
			}
		});
		boolean otherTool = own.keySet().stream().anyMatch(SqlMigrationFiles::isOtherToolsName);
		if (!otherTool || aside.isEmpty()) {
			return files;
		}
		logger.info("Module '{}' is written for another tool, which reads its own folder only: not read {}", module,
				aside);
		return own;
	}

	private static boolean isOtherToolsName(String path) {
		try {
			Kind kind = MigrationName.parseFile(path.substring(path.lastIndexOf('/') + 1)).kind();
			return kind == Kind.MIGRATION || kind == Kind.UP || kind == Kind.DOWN;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	// A migration and its rollback file take two places of a version; every other file takes the first.
	private static Kind primary(Kind kind) {
		return (kind == Kind.DOWN || kind == Kind.UNDO) ? Kind.DOWN : Kind.MIGRATION;
	}

	private static Format format(Kind kind, String text) {
		if (kind == Kind.VERSIONED) {
			return Format.FLYWAY;
		}
		if (kind == Kind.UP) {
			return Format.GOLANG_MIGRATE;
		}
		List<String> lines = text.lines().toList();
		if (MarkedScripts.isGoose(lines)) {
			return Format.GOOSE;
		}
		if (MarkedScripts.isDbmate(lines)) {
			return Format.DBMATE;
		}
		if (MarkedScripts.isLiquibase(lines)) {
			return Format.LIQUIBASE;
		}
		return Format.PLAIN;
	}

	private static SqlScript script(Format format, String text, String path, String rollbackPath, String rollbackText) {
		boolean ownRollback = format == Format.GOOSE || format == Format.DBMATE || format == Format.LIQUIBASE;
		if (ownRollback && rollbackPath != null) {
			throw new IllegalArgumentException("has its own rollback section, and " + rollbackPath + " undoes it too; "
					+ "keep one of them");
		}
		return switch (format) {
			case GOOSE -> MarkedScripts.goose(text);
			case DBMATE -> MarkedScripts.dbmate(text);
			case LIQUIBASE -> MarkedScripts.liquibase(text);
			case FLYWAY -> {
				SqlScript script = SqlScript.parse(text);
				if (rollbackPath == null) {
					yield script;
				}
				if (script.rollback() != null) {
					throw new IllegalArgumentException("has a '-- rollback' section, and " + rollbackPath
							+ " undoes it too; keep one of them");
				}
				yield SqlScript.of(List.of(new Chunk(text, false, 1)), List.of(new Chunk(rollbackText, false, 1)));
			}
			case GOLANG_MIGRATE, PLAIN -> SqlScript.of(List.of(new Chunk(text, false, 1)),
					(rollbackText != null) ? List.of(new Chunk(rollbackText, false, 1)) : null);
		};
	}

	private static List<MigrationStep> steps(List<SqlScript.Statement> statements) {
		return statements.stream().map((statement) -> MigrationStep.sql(statement.sql(), statement.settings(), statement.line())).toList();
	}

}
