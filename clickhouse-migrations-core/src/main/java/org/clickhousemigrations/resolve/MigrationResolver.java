package org.clickhousemigrations.resolve;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.clickhousemigrations.ClickHouseMigration;
import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.Operation;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.model.Checksums;
import org.clickhousemigrations.model.MigrationKey;
import org.clickhousemigrations.model.MigrationType;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.ClassUtils;

/**
 * Finds the migrations below the configured locations: SQL files (in the formats
 * {@link SqlMigrationFiles} reads) and {@link ClickHouseMigration} classes, grouped into modules by
 * their first sub-folder (package). Every problem found (bad
 * name, duplicate version, unknown dependency, cycle, unreadable file) is reported at once, naming
 * the files and classes, before anything runs.
 */
public class MigrationResolver {

	/** The module of migrations that stand directly in a root location. */
	public static final String DEFAULT_MODULE = "default";

	/** The folder of a module that holds its declared schema rather than migrations. */
	public static final String SCHEMA_FOLDER = "schema";

	private final List<String> locations;

	private final ClassLoader classLoader;

	private final JavaMigrationFactory factory;

	private final PathMatchingResourcePatternResolver resources;

	public MigrationResolver(List<String> locations, ClassLoader classLoader, JavaMigrationFactory factory) {
		this.locations = List.copyOf(locations);
		this.classLoader = classLoader;
		this.factory = factory;
		this.resources = new PathMatchingResourcePatternResolver(classLoader);
	}

	/**
	 * Finds and checks all migrations, in dependency order (see {@link MigrationOrder}).
	 * @throws ClickHouseMigrationException listing every problem found
	 */
	public List<ResolvedMigration> resolve() {
		List<String> problems = new ArrayList<>();
		Map<MigrationKey, ResolvedMigration> found = new TreeMap<>();
		for (String location : this.locations) {
			for (ResolvedMigration migration : scan(location, problems)) {
				ResolvedMigration previous = found.putIfAbsent(migration.key(), migration);
				if (previous != null) {
					problems.add(usedTwice(migration.key().toString(), previous.script(), migration.script()));
				}
			}
		}
		List<ResolvedMigration> ordered = problems.isEmpty() ? MigrationOrder.sort(found.values(), problems) : List.of();
		if (!problems.isEmpty()) {
			throw new ClickHouseMigrationException("Invalid migrations in " + this.locations + ":\n  - "
					+ String.join("\n  - ", problems));
		}
		return ordered;
	}

	/** The problem of two migrations of one version ({@code module:version}), naming them. */
	static String usedTwice(String key, String first, String second) {
		return "Version " + key + " is used twice: by " + first + " and by " + second
				+ ". Give one of them the next free version.";
	}

	private List<ResolvedMigration> scan(String location, List<String> problems) {
		Location root = Location.of(location);
		List<ResolvedMigration> migrations = new ArrayList<>();
		Map<String, Map<String, Resource>> modules = new TreeMap<>();
		root.find(this.resources, "*.sql", problems).forEach((path, resource) -> {
			if (!isDeclaredSchema(path)) {
				modules.computeIfAbsent(module(path), (module) -> new TreeMap<>()).put(path, resource);
			}
		});
		modules.forEach((module, files) -> migrations.addAll(SqlMigrationFiles.read(module, files, problems)));
		if (root.isClasspath()) {
			root.findClasses(this.resources, problems).forEach((path, resource) -> {
				if (!isDeclaredSchema(path)) {
					javaMigration(root, path, problems).ifPresent(migrations::add);
				}
			});
		}
		return migrations;
	}

	// <module>/schema/...: the declared schema of the module, not migrations.
	static boolean isDeclaredSchema(String path) {
		int slash = path.indexOf('/');
		return slash > 0 && path.startsWith(SCHEMA_FOLDER + "/", slash + 1);
	}

	private Optional<ResolvedMigration> javaMigration(Location root, String path, List<String> problems) {
		String simpleName = path.substring(path.lastIndexOf('/') + 1, path.length() - ".class".length());
		if (simpleName.contains("$") || !MigrationName.looksLikeMigration(simpleName)) {
			return Optional.empty();
		}
		String className = (root.path() + "/" + path).replace('/', '.').substring(0,
				root.path().length() + path.length() + 1 - ".class".length());
		try {
			Class<?> type = ClassUtils.forName(className, this.classLoader);
			if (!ClickHouseMigration.class.isAssignableFrom(type)) {
				problems.add(className + " is named like a migration but does not implement "
						+ ClickHouseMigration.class.getName());
				return Optional.empty();
			}
			if (Modifier.isAbstract(type.getModifiers())) {
				return Optional.empty();
			}
			MigrationName name = MigrationName.parse(simpleName);
			ClickHouseMigration migration = this.factory.create(type.asSubclass(ClickHouseMigration.class));
			return Optional.of(javaMigration(className, new MigrationKey(module(path), name.version()), name.description(),
					migration));
		}
		catch (IllegalArgumentException ex) {
			problems.add(className + ": " + ex.getMessage());
		}
		catch (Exception | LinkageError ex) {
			problems.add(className + " cannot be created: " + ex);
		}
		return Optional.empty();
	}

	private static ResolvedMigration javaMigration(String className, MigrationKey key, String description,
			ClickHouseMigration migration) {
		List<Operation> operations = migration.operations();
		if (operations == null || operations.isEmpty()) {
			throw new IllegalArgumentException("operations() returns no operation; return at least one");
		}
		List<MigrationStep> steps = new ArrayList<>();
		List<MigrationStep> inverses = new ArrayList<>();
		String rollbackProblem = null;
		StringBuilder checksumText = new StringBuilder(className);
		for (int i = 0; i < operations.size(); i++) {
			Operation operation = operations.get(i);
			steps.add(operation.forward());
			checksumText.append('\n').append(operation.forward().checksumText());
			Optional<MigrationStep> inverse = operation.inverse();
			if (inverse.isPresent()) {
				inverses.add(inverse.get());
			}
			else if (rollbackProblem == null) {
				rollbackProblem = className + " operation " + (i + 1) + " (" + operation.forward().label()
						+ ") has no inverse";
			}
		}
		Collections.reverse(inverses);
		List<MigrationKey> dependsOn = new ArrayList<>();
		for (String dependency : migration.dependsOn()) {
			dependsOn.add(MigrationKey.parse(dependency));
		}
		return new ResolvedMigration(key, description, MigrationType.JAVA, className, Checksums.of(checksumText.toString()),
				dependsOn, steps, (rollbackProblem == null) ? inverses : null, rollbackProblem);
	}

	private static String module(String relativePath) {
		int slash = relativePath.indexOf('/');
		return (slash > 0) ? relativePath.substring(0, slash) : DEFAULT_MODULE;
	}

}
