package org.clickhousemigrations.diff;

/**
 * An object of a database changed outside migrations since the last migrate.
 *
 * @param object the table, view or dictionary
 * @param change what changed
 */
public record Drift(String object, String change) {
}
