package org.clickhousemigrations.generate;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.model.MigrationType;
import org.clickhousemigrations.model.MigrationVersion;
import org.clickhousemigrations.resolve.MigrationResolver;

/**
 * Writes the next migration of a module, numbered after the module's highest version and keeping
 * its width ({@code V0003} is followed by {@code V0004}): into the folder of a {@code filesystem:}
 * location itself, or for a {@code classpath:} location below {@code src/main/resources} (SQL) or
 * {@code src/main/java} (Java) of the project.
 */
public final class MigrationGenerator {

	/** The kind of migration to write. */
	public enum Kind {

		SQL, JAVA

	}

	/**
	 * The common shapes of a migration, each with its rollback, written for {@code generate
	 * --clickhouse.migrations.template=<name>} with names to replace.
	 */
	public enum Template {

		NEW_TABLE("new-table", """
				-- Replace my_table, its columns and its keys.
				CREATE TABLE IF NOT EXISTS my_table ${on_cluster} (
				    id UInt64,
				    name String,
				    created_at DateTime64(3, 'UTC') DEFAULT now64(3)
				) ENGINE = MergeTree
				ORDER BY id;

				-- rollback
				DROP TABLE IF EXISTS my_table ${on_cluster};
				"""),

		NEW_COLUMN("new-column", """
				-- Replace my_table, my_column, its type and default.
				ALTER TABLE my_table ${on_cluster} ADD COLUMN IF NOT EXISTS my_column LowCardinality(String) DEFAULT '' AFTER id;

				-- rollback
				ALTER TABLE my_table ${on_cluster} DROP COLUMN IF EXISTS my_column;
				"""),

		BACKFILL("backfill", """
				-- Fills my_column of the rows written before it existed. ALTER ... UPDATE is a mutation: it is
				-- sent with mutations_sync = 2, so the migration waits for it, and its progress is logged.
				ALTER TABLE my_table ${on_cluster} UPDATE my_column = lower(name) WHERE my_column = '';

				-- rollback
				ALTER TABLE my_table ${on_cluster} UPDATE my_column = '' WHERE 1;
				"""),

		MATERIALIZED_VIEW("materialized-view", """
				-- A target table and the materialized view that fills it from my_table as rows arrive.
				CREATE TABLE IF NOT EXISTS my_table_daily ${on_cluster} (
				    day Date,
				    name String,
				    rows UInt64
				) ENGINE = SummingMergeTree
				ORDER BY (day, name);

				CREATE MATERIALIZED VIEW IF NOT EXISTS my_table_daily_mv ${on_cluster} TO my_table_daily AS
				SELECT toDate(created_at) AS day, name, count() AS rows FROM my_table GROUP BY day, name;

				-- The rows written before the view existed, once: the view only sees new ones.
				INSERT INTO my_table_daily SELECT toDate(created_at) AS day, name, count() AS rows FROM my_table
				WHERE created_at < (SELECT min(metadata_modification_time) FROM system.tables
				    WHERE database = currentDatabase() AND name = 'my_table_daily_mv')
				GROUP BY day, name;

				-- rollback
				DROP VIEW IF EXISTS my_table_daily_mv ${on_cluster};
				DROP TABLE IF EXISTS my_table_daily ${on_cluster};
				""");

		private final String id;

		private final String text;

		Template(String id, String text) {
			this.id = id;
			this.text = text;
		}

		/** The name users give it ({@code --clickhouse.migrations.template=<id>}). */
		public String id() {
			return this.id;
		}

		/** @throws ClickHouseMigrationException naming the templates there are */
		public static Template of(String id) {
			return Arrays.stream(values())
				.filter((template) -> template.id.equalsIgnoreCase(id.trim()))
				.findFirst()
				.orElseThrow(() -> new ClickHouseMigrationException("There is no template '" + id + "'; use one of "
						+ Arrays.stream(values()).map((template) -> template.id).toList()));
		}

		/** The migration's text under the comment line of its description. */
		public String render(String description) {
			return "-- " + description.trim() + "\n" + this.text;
		}

	}

	private MigrationGenerator() {
	}

	/**
	 * Writes an empty migration to fill in.
	 * @param projectDir the project, holding {@code src/main}
	 * @param location the root location, e.g. {@code classpath:db/clickhouse}
	 * @param resolved the migrations found now
	 * @param module the module to add to
	 * @param description the description, in words ("add user id")
	 * @return the file written
	 */
	public static Path generate(Path projectDir, String location, List<ResolvedMigration> resolved, String module,
			String description, Kind kind) {
		String[] words = words(description);
		checkFormat(resolved, module);
		String version = nextVersion(resolved, module);
		if (kind == Kind.SQL) {
			return write(folder(projectDir, location, module, "src/main/resources")
				.resolve(sqlFileName(version, words)), "-- " + description.trim() + "\n\n\n-- rollback\n\n");
		}
		String className = "V" + version.replace('.', '_') + "__" + Arrays.stream(words)
			.filter((word) -> !word.isEmpty())
			.map((word) -> Character.toUpperCase(word.charAt(0)) + word.substring(1))
			.collect(Collectors.joining());
		Path folder = folder(projectDir, location, module, "src/main/java");
		return write(folder.resolve(className + ".java"), javaTemplate(packageOf(location, module), className,
				description.trim()));
	}

	/**
	 * Writes an SQL migration with the given text (statements, then a {@code -- rollback} section).
	 * @return the file written
	 */
	public static Path generateSql(Path projectDir, String location, List<ResolvedMigration> resolved, String module,
			String description, String text) {
		String[] words = words(description);
		checkFormat(resolved, module);
		return write(folder(projectDir, location, module, "src/main/resources")
			.resolve(sqlFileName(nextVersion(resolved, module), words)), text);
	}

	// A filesystem: location is the folder itself; a classpath: one is below the project's sources.
	private static Path folder(Path projectDir, String location, String module, String sources) {
		String trimmed = location.trim();
		String moduleFolder = module.equals(MigrationResolver.DEFAULT_MODULE) ? "" : module;
		if (trimmed.startsWith("filesystem:")) {
			return projectDir.resolve(trimmed.substring("filesystem:".length())).resolve(moduleFolder);
		}
		String root = trimmed.replaceFirst("^classpath\\*?:", "").replaceAll("^/+|/+$", "");
		return projectDir.resolve(sources).resolve(root).resolve(moduleFolder);
	}

	private static String packageOf(String location, String module) {
		String root = location.trim().replaceFirst("^(classpath\\*?|filesystem):", "").replaceAll("^/+|/+$", "");
		String folder = root + (module.equals(MigrationResolver.DEFAULT_MODULE) ? "" : "/" + module);
		return folder.replace('/', '.');
	}

	private static String[] words(String description) {
		if (description == null || description.isBlank()) {
			throw new ClickHouseMigrationException("generate needs a description: --clickhouse.migrations.name=\"add user id\"");
		}
		return description.trim().split("[^A-Za-z0-9]+");
	}

	// generate writes V<version>__ files, which cannot stand beside another tool's format.
	private static void checkFormat(List<ResolvedMigration> resolved, String module) {
		resolved.stream()
			.filter((migration) -> migration.module().equals(module) && migration.type() == MigrationType.SQL
					&& !migration.version().isRepeatable())
			.map(ResolvedMigration::script)
			.filter((script) -> script.endsWith(".sql") && !script.substring(script.lastIndexOf('/') + 1).startsWith("V"))
			.findFirst()
			.ifPresent((script) -> {
				throw new ClickHouseMigrationException("Module '" + module + "' is written in another tool's format ("
						+ script + "); generate writes V<version>__<description>.sql files, which cannot stand beside "
						+ "it. Write the next file by hand in that format.");
			});
	}

	private static String sqlFileName(String version, String[] words) {
		return "V" + version.replace('.', '_') + "__" + String.join("_", words).toLowerCase(Locale.ROOT) + ".sql";
	}

	private static Path write(Path file, String content) {
		if (Files.exists(file)) {
			throw new ClickHouseMigrationException(file + " exists already");
		}
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, content, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new ClickHouseMigrationException("Cannot write " + file + ": " + ex.getMessage(), ex);
		}
		return file;
	}

	/** The version after the module's highest one, in the same width; {@code 0001} for a new module. */
	public static String nextVersion(List<ResolvedMigration> resolved, String module) {
		return resolved.stream()
			.filter((migration) -> migration.module().equals(module) && !migration.version().isRepeatable())
			.map(ResolvedMigration::version)
			.max(MigrationVersion::compareTo)
			.map(MigrationGenerator::increment)
			.orElse("0001");
	}

	private static String increment(MigrationVersion version) {
		String text = version.toString();
		int dot = text.lastIndexOf('.');
		String last = text.substring(dot + 1);
		String next = new BigInteger(last).add(BigInteger.ONE).toString();
		String padded = "0".repeat(Math.max(0, last.length() - next.length())) + next;
		return text.substring(0, dot + 1) + padded;
	}

	private static String javaTemplate(String packageName, String className, String description) {
		return """
				package %s;

				import java.util.List;

				import org.clickhousemigrations.ClickHouseMigration;
				import org.clickhousemigrations.Operation;
				import org.clickhousemigrations.Operations;

				/** %s. */
				public class %s implements ClickHouseMigration {

					@Override
					public List<Operation> operations() {
						// For example: Operations.addColumn("events", "user_id", "UInt64")
						return List.of();
					}

				}
				""".formatted(packageName, description, className);
	}

}
