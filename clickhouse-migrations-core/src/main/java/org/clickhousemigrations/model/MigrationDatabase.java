package org.clickhousemigrations.model;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/**
 * One database to migrate, as configured.
 *
 * @param name the configured name ({@code default} when none is configured)
 * @param dataSource where to connect
 * @param migrate {@code false}: never migrated, reported as disabled
 * @param readonly {@code true}: nothing is ever written, the history is only read
 * @param modules the modules that apply to it; empty for all
 * @param cluster the cluster for {@code ON CLUSTER}; {@code null} for none
 * @param placeholders placeholders of this database (over the global ones)
 */
public record MigrationDatabase(String name, DataSource dataSource, boolean migrate, boolean readonly,
		List<String> modules, String cluster, Map<String, String> placeholders) {

	public MigrationDatabase {
		modules = List.copyOf(modules);
		placeholders = Map.copyOf(placeholders);
	}

	/** A database with defaults: migrated, writable, all modules, no cluster, no placeholders. */
	public static MigrationDatabase of(String name, DataSource dataSource) {
		return new MigrationDatabase(name, dataSource, true, false, List.of(), null, Map.of());
	}

	/** Whether the module's migrations apply to this database. */
	public boolean includes(String module) {
		return this.modules.isEmpty() || this.modules.contains(module);
	}

	/** Whether boot-time and explicit migrations write to it. */
	public boolean isMigrated() {
		return this.migrate && !this.readonly;
	}

}
