package org.clickhousemigrations.sql;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${name}} in SQL: built-ins {@code database}, {@code cluster}, {@code on_cluster},
 * then global and per-database configured values. An unknown name is an error. The values of
 * secret placeholders are sent to ClickHouse and shown nowhere ({@link #secrets()}).
 */
public final class Placeholders {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

	private final Map<String, String> values;

	private final Secrets secrets;

	public Placeholders(Map<String, String> values) {
		this(values, Set.of());
	}

	/**
	 * @param values the value of each placeholder
	 * @param secretNames placeholders declared secret besides those secret by their name
	 */
	public Placeholders(Map<String, String> values, Collection<String> secretNames) {
		this.values = Map.copyOf(values);
		this.secrets = Secrets.of(this.values, secretNames);
	}

	/**
	 * The placeholders of one database.
	 * @param clickHouseDatabase the database of the connection
	 * @param cluster the configured cluster, or {@code null}
	 * @param onCluster the {@code ON CLUSTER} clause for DDL ({@code ""} without a cluster or in a Replicated database)
	 * @param global the global configured placeholders
	 * @param perDatabase the database's own, which win
	 * @param secretNames placeholders declared secret besides those secret by their name
	 */
	public static Placeholders of(String clickHouseDatabase, String cluster, String onCluster,
			Map<String, String> global, Map<String, String> perDatabase, Collection<String> secretNames) {
		Map<String, String> values = new LinkedHashMap<>(global);
		values.putAll(perDatabase);
		values.put("database", clickHouseDatabase);
		values.put("cluster", (cluster != null) ? cluster : "");
		values.put("on_cluster", onCluster);
		return new Placeholders(values, secretNames);
	}

	/** What masks the secret placeholders' values (and literal credentials) in what is shown. */
	public Secrets secrets() {
		return this.secrets;
	}

	public String get(String name) {
		String value = this.values.get(name);
		if (value == null) {
			throw new IllegalArgumentException("There is no placeholder '" + name + "'; known: "
					+ new TreeSet<>(this.values.keySet()));
		}
		return value;
	}

	/**
	 * Replaces every placeholder in {@code sql}.
	 * @throws IllegalArgumentException naming the unknown placeholder and how to define it
	 */
	public String resolve(String sql) {
		Matcher matcher = PLACEHOLDER.matcher(sql);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			String name = matcher.group(1).trim();
			String value = this.values.get(name);
			if (value == null) {
				throw new IllegalArgumentException("unknown placeholder ${" + name + "}: define it as "
						+ "clickhouse.migrations.placeholders." + name + " (or per database), or remove it");
			}
			matcher.appendReplacement(result, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(result);
		return result.toString();
	}

}
