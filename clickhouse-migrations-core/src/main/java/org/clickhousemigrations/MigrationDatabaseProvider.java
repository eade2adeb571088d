package org.clickhousemigrations;

import java.util.List;

import org.clickhousemigrations.model.MigrationDatabase;

/**
 * Databases known only at run time, one per tenant say: a bean of this type adds them to the
 * configured ones (after them, in the order of the providers). They are migrated, reported,
 * counted and reached by command mode like configured ones. Asked once, when the library starts.
 * Each database needs a unique name and its own {@code DataSource}, whose pool the provider owns
 * (two or three connections are enough for migrating).
 */
@FunctionalInterface
public interface MigrationDatabaseProvider {

	/** The databases to add. */
	List<MigrationDatabase> databases();

}
