package org.clickhousemigrations;

import java.util.Map;

/**
 * The state of every configured database, in configuration order.
 *
 * @param databases by configured name
 */
public record MigrationsReport(Map<String, DatabaseReport> databases) {

}
