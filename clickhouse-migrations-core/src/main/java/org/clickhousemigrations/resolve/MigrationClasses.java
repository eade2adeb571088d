package org.clickhousemigrations.resolve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The Java classes below classpath migration locations (Java migrations, declared schema
 * classes), and their index: an application processed ahead of time writes the index, since a
 * native image cannot list class files; {@link MigrationResolver} and {@link DeclaredSchemaReader}
 * read it where they find no class file.
 */
public final class MigrationClasses {

	/** The index: one class file path a line, e.g. {@code db/clickhouse/events/V0002__AddUserId.class}. */
	public static final String INDEX = "META-INF/clickhouse-migrations/classes.idx";

	private MigrationClasses() {
	}

	/** The class file paths below the classpath locations among {@code locations}. */
	public static List<String> find(List<String> locations, ClassLoader classLoader) {
		PathMatchingResourcePatternResolver resources = new PathMatchingResourcePatternResolver(classLoader);
		List<String> problems = new ArrayList<>();
		List<String> paths = new ArrayList<>();
		for (String each : locations) {
			Location location = Location.of(each);
			if (location.isClasspath()) {
				location.find(resources, "*.class", problems).keySet()
					.forEach((path) -> paths.add(location.path() + "/" + path));
			}
		}
		return paths;
	}

	/** The class-path directories of the classpath locations among {@code locations}, e.g. {@code db/clickhouse}. */
	public static List<String> classpathRoots(List<String> locations) {
		return locations.stream().map(Location::of).filter(Location::isClasspath).map(Location::path).toList();
	}

	// The paths the index lists, from every index on the class path.
	static List<String> indexed(PathMatchingResourcePatternResolver resources, List<String> problems) {
		List<String> paths = new ArrayList<>();
		try {
			for (Resource index : resources.getResources("classpath*:" + INDEX)) {
				try (InputStream in = index.getInputStream()) {
					new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
						.map(String::strip)
						.filter((line) -> !line.isEmpty())
						.forEach(paths::add);
				}
			}
		}
		catch (IOException ex) {
			problems.add("The index of migration classes " + INDEX + " cannot be read: " + ex.getMessage());
		}
		return paths;
	}

}
