package org.clickhousemigrations.resolve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.diff.DeclaredTables;
import org.clickhousemigrations.schema.ClickHouseTable;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.ClassUtils;

/**
 * Reads the declared schema of a module below the configured locations: the tables of the classes
 * annotated {@link ClickHouseTable} in the package {@code <location>.<module>.schema}, in class
 * name order, then the statements of the SQL files in {@code <location>/<module>/schema/}, in file
 * name order (so that a view declared in SQL can read from a table declared in Java).
 */
public class DeclaredSchemaReader implements DeclaredSchemaSource {

	private final List<String> locations;

	private final ClassLoader classLoader;

	private final PathMatchingResourcePatternResolver resources;

	public DeclaredSchemaReader(List<String> locations, ClassLoader classLoader) {
		this.locations = List.copyOf(locations);
		this.classLoader = classLoader;
		this.resources = new PathMatchingResourcePatternResolver(classLoader);
	}

	/**
	 * @throws ClickHouseMigrationException naming every file or class that cannot be read
	 */
	@Override
	public List<DeclaredStatement> of(String module) {
		List<String> problems = new ArrayList<>();
		String folder = module + "/" + MigrationResolver.SCHEMA_FOLDER + "/";
		Map<String, Resource> files = new TreeMap<>();
		Map<String, DeclaredStatement> tables = new TreeMap<>();
		for (String location : this.locations) {
			Location root = Location.of(location);
			root.find(this.resources, "*.sql", problems).forEach((path, resource) -> {
				if (path.startsWith(folder)) {
					files.put(path, resource);
				}
			});
			if (root.isClasspath()) {
				root.findClasses(this.resources, problems).forEach((path, resource) -> {
					if (path.startsWith(folder) && !path.contains("$")) {
						table(root.path() + "/" + path.substring(0, path.length() - ".class".length()), tables, problems);
					}
				});
			}
		}
		List<DeclaredStatement> statements = new ArrayList<>(tables.values());
		files.forEach((path, resource) -> {
			try {
				SqlScript.parse(resource.getContentAsString(StandardCharsets.UTF_8)).forward()
					.forEach((statement) -> statements.add(new DeclaredStatement(path, statement, List.of())));
			}
			catch (IOException | IllegalArgumentException ex) {
				problems.add(path + ": " + ex.getMessage());
			}
		});
		if (!problems.isEmpty()) {
			throw new ClickHouseMigrationException("Invalid schema declaration of module '" + module + "':\n  - "
					+ String.join("\n  - ", problems));
		}
		return statements;
	}

	private void table(String classPath, Map<String, DeclaredStatement> tables, List<String> problems) {
		String className = classPath.replace('/', '.');
		try {
			Class<?> type = ClassUtils.forName(className, this.classLoader);
			if (type.isAnnotationPresent(ClickHouseTable.class)) {
				tables.put(className, new DeclaredStatement(className,
						new SqlScript.Statement(DeclaredTables.createTable(type), Map.of()), DeclaredTables.renames(type)));
			}
		}
		catch (ClassNotFoundException | LinkageError | IllegalArgumentException ex) {
			problems.add(className + ": " + ex.getMessage());
		}
	}

}
