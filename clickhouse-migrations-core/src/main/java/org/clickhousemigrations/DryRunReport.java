package org.clickhousemigrations;

import java.util.List;
import java.util.Map;

/**
 * What {@code migrate} would run, per database, in order: the statements with placeholders
 * resolved and the history writes. Made without writing anything.
 *
 * @param databases by configured name; a database with nothing to do has an empty script
 */
public record DryRunReport(Map<String, List<String>> databases) {

}
