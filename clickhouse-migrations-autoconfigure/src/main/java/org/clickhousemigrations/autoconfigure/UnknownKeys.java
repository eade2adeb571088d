package org.clickhousemigrations.autoconfigure;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * The {@code clickhouse.migrations.*} keys of the environment that nothing binds: a typo, or a key
 * of a newer version, which Spring would otherwise ignore without a word. Known keys come from the
 * configuration metadata this module ships, plus the per-database keys and the free-form maps.
 */
public final class UnknownKeys {

	private static final String PREFIX = "clickhouse.migrations.";

	private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"(clickhouse\\.migrations\\.[^\"]+)\"");

	private static final List<String> MAPS = List.of(PREFIX + "placeholders.", PREFIX + "lint.rules.");

	private UnknownKeys() {
	}

	/**
	 * Each unknown key with the closest known one, e.g. {@code clickhouse.migrations.dryrun (did you
	 * mean clickhouse.migrations.dry-run?)}; empty when all are known.
	 */
	public static List<String> of(Environment environment) {
		Set<String> known = known();
		Set<String> databaseKeys = databaseKeys();
		List<String> unknown = new ArrayList<>();
		for (String key : keys(environment)) {
			String closest = closest(key, known, databaseKeys);
			if (closest != null) {
				unknown.add(key + " (did you mean " + closest + "?)");
			}
		}
		return unknown;
	}

	// null when the key is known, else the known key closest to it.
	private static String closest(String key, Set<String> known, Set<String> databaseKeys) {
		if (known.contains(key) || MAPS.stream().anyMatch(key::startsWith)) {
			return null;
		}
		String databases = PREFIX + "databases.";
		if (key.startsWith(databases) && key.indexOf('.', databases.length()) > 0) {
			int dot = key.indexOf('.', databases.length());
			String rest = key.substring(dot + 1);
			if (databaseKeys.contains(rest) || rest.startsWith("placeholders.")) {
				return null;
			}
			return key.substring(0, dot + 1) + nearest(rest, databaseKeys);
		}
		return nearest(key, known);
	}

	private static String nearest(String key, Set<String> candidates) {
		return candidates.stream().min(Comparator.comparingInt((String candidate) -> distance(key, candidate)))
			.orElse("");
	}

	// The keys under the prefix, in canonical form, list indexes left out.
	private static Set<String> keys(Environment environment) {
		ConfigurationPropertyName prefix = ConfigurationPropertyName.of("clickhouse.migrations");
		Set<String> keys = new TreeSet<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.stream()
					.filter(prefix::isAncestorOf)
					.map((name) -> name.toString().replaceAll("\\[[^]]*]", ""))
					.forEach(keys::add);
			}
		}
		return keys;
	}

	private static Set<String> known() {
		Set<String> known = new LinkedHashSet<>();
		try (InputStream metadata = UnknownKeys.class.getResourceAsStream(
				"/META-INF/spring-configuration-metadata.json")) {
			if (metadata != null) {
				Matcher names = NAME.matcher(new String(metadata.readAllBytes(), StandardCharsets.UTF_8));
				while (names.find()) {
					known.add(names.group(1));
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read this library's configuration metadata", ex);
		}
		return known;
	}

	// The keys of one database, from its properties class.
	private static Set<String> databaseKeys() {
		Set<String> keys = new TreeSet<>();
		for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(DatabaseProperties.class)) {
			if (property.getWriteMethod() != null) {
				keys.add(property.getName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT));
			}
		}
		return keys;
	}

	// Levenshtein distance.
	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
