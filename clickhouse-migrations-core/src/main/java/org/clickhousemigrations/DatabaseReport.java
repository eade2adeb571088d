package org.clickhousemigrations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.clickhousemigrations.diff.Drift;
import org.clickhousemigrations.diff.RememberedSchema;
import org.clickhousemigrations.model.DatabaseStatus;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.model.MigrationState;

/**
 * The migrations of one database and their states.
 *
 * @param name the configured name
 * @param migrate the configured {@code migrate} flag
 * @param readonly the configured {@code readonly} flag
 * @param status the summary
 * @param historyTable where the history is
 * @param migrations every migration, in run order, then those missing from the application
 * @param error why the database could not be read, for {@link DatabaseStatus#UNREACHABLE}; else {@code null}
 * @param schema the schema the last migrate that changed something left, with the drift since
 */
public record DatabaseReport(String name, boolean migrate, boolean readonly, DatabaseStatus status,
		String historyTable, List<MigrationInfo> migrations, String error, RememberedSchema schema) {

	/** The objects changed outside migrations since the last migrate that changed something. */
	public List<Drift> drift() {
		return this.schema.drift();
	}

	/** The migrations grouped by module, modules in the order of their first migration. */
	public Map<String, List<MigrationInfo>> modules() {
		Map<String, List<MigrationInfo>> modules = new LinkedHashMap<>();
		for (MigrationInfo info : this.migrations) {
			modules.computeIfAbsent(info.key().module(), (module) -> new ArrayList<>()).add(info);
		}
		return modules;
	}

	/** How many migrations are in the given state. */
	public long count(MigrationState state) {
		return this.migrations.stream().filter((info) -> info.state() == state).count();
	}

	/** The summary of the states of a database. */
	public static DatabaseStatus status(MigrationDatabase database, List<MigrationInfo> migrations) {
		if (!database.migrate()) {
			return DatabaseStatus.DISABLED;
		}
		if (migrations.stream().anyMatch((info) -> info.state() == MigrationState.FAILED)) {
			return DatabaseStatus.FAILED;
		}
		if (migrations.stream().anyMatch((info) -> info.state().isProblem())) {
			return DatabaseStatus.INVALID;
		}
		if (migrations.stream()
			.anyMatch((info) -> info.state() == MigrationState.PENDING || info.state() == MigrationState.OUTDATED)) {
			return DatabaseStatus.PENDING;
		}
		return DatabaseStatus.UP_TO_DATE;
	}

}
