package org.clickhousemigrations;

import java.util.List;

/**
 * A migration written in Java. Name the class {@code V<version>__<Description>} and put it in the
 * package of its module ({@code db.clickhouse.events} for module {@code events}). Instances are
 * created through the application context, so constructor injection works.
 */
public interface ClickHouseMigration {

	/** The operations of this migration, applied in order; see {@link Operations}. */
	List<Operation> operations();

	/** Migrations of other modules that must be applied first, as {@code module:version}. */
	default List<String> dependsOn() {
		return List.of();
	}

}
