package org.clickhousemigrations.diff;

/**
 * A column a declaration says was renamed, so that the difference is a rename, not a drop and an add.
 *
 * @param table the table
 * @param from the old name
 * @param to the new name
 */
public record ColumnRename(String table, String from, String to) {
}
