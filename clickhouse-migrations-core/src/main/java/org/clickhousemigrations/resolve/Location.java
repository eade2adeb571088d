package org.clickhousemigrations.resolve;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A root location of migrations, {@code classpath:db/clickhouse} (the default prefix) or
 * {@code filesystem:/srv/migrations}, and the files below it.
 *
 * @param location as configured
 * @param prefix the resource prefix to search with
 * @param path the root path, without leading or trailing slashes
 */
record Location(String location, String prefix, String path) {

	static Location of(String location) {
		String trimmed = location.trim();
		if (trimmed.startsWith("filesystem:")) {
			String path = trimmed.substring("filesystem:".length()).replace('\\', '/');
			return new Location(location, "file:", stripSlashes(path.startsWith("/") ? path.substring(1) : path));
		}
		String path = trimmed.startsWith("classpath:") ? trimmed.substring("classpath:".length()) : trimmed;
		return new Location(location, "classpath*:", stripSlashes(path));
	}

	boolean isClasspath() {
		return this.prefix.equals("classpath*:");
	}

	/**
	 * The files below the root whose names match {@code files} (e.g. {@code *.sql}), by their path
	 * relative to the root, e.g. {@code events/V0001__create_events.sql}.
	 */
	Map<String, Resource> find(PathMatchingResourcePatternResolver resources, String files, List<String> problems) {
		Map<String, Resource> found = new LinkedHashMap<>();
		try {
			for (Resource resource : resources.getResources(this.prefix + (isClasspath() ? "" : "/") + this.path + "/**/"
					+ files)) {
				String url = URLDecoder.decode(resource.getURL().toString(), StandardCharsets.UTF_8);
				String marker = "/" + this.path + "/";
				int index = url.lastIndexOf(marker);
				if (index >= 0) {
					found.put(url.substring(index + marker.length()), resource);
				}
			}
		}
		catch (IOException ex) {
			problems.add("Location " + this.location + " cannot be read: " + ex.getMessage());
		}
		return found;
	}

	/**
	 * The classes below the root, by path relative to it: found on the class path, or, where class
	 * files cannot be listed (a native image), read from the {@link MigrationClasses#INDEX} written
	 * ahead of time (their resources then {@code null}).
	 */
	Map<String, Resource> findClasses(PathMatchingResourcePatternResolver resources, List<String> problems) {
		Map<String, Resource> found = find(resources, "*.class", problems);
		if (!found.isEmpty() || !isClasspath()) {
			return found;
		}
		for (String path : MigrationClasses.indexed(resources, problems)) {
			if (path.startsWith(this.path + "/")) {
				found.put(path.substring(this.path.length() + 1), null);
			}
		}
		return found;
	}

	private static String stripSlashes(String path) {
		String result = path;
		while (result.startsWith("/")) {
			result = result.substring(1);
		}
		while (result.endsWith("/")) {
			result = result.substring(0, result.length() - 1);
		}
		return result;
	}

}
