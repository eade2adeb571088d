package org.clickhousemigrations.resolve;

import org.clickhousemigrations.ClickHouseMigration;

/**
 * Creates instances of Java migration classes. The Spring Boot integration creates them through
 * the application context, so that constructor injection works.
 */
@FunctionalInterface
public interface JavaMigrationFactory {

	/** Instantiates with the public no-argument constructor. */
	JavaMigrationFactory REFLECTION = (type) -> type.getDeclaredConstructor().newInstance();

	ClickHouseMigration create(Class<? extends ClickHouseMigration> type) throws Exception;

}
