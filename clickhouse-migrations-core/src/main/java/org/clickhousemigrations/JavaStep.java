package org.clickhousemigrations;

/** A step of a Java migration that runs code, for example a data backfill. */
@FunctionalInterface
public interface JavaStep {

	void run(MigrationContext context) throws Exception;

}
