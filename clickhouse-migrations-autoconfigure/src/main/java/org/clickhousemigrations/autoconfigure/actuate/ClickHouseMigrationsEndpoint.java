package org.clickhousemigrations.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.DatabaseReport;
import org.clickhousemigrations.MigrationInfo;
import org.clickhousemigrations.diff.RememberedSchema;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code /actuator/clickhousemigrations}: the migrations of every configured database and their
 * states, read from the histories. A database that cannot be reached is reported as such; the
 * endpoint itself still answers. No URL or credential appears in it.
 */
@Endpoint(id = "clickhousemigrations")
public class ClickHouseMigrationsEndpoint {

	private final ClickHouseMigrations migrations;

	public ClickHouseMigrationsEndpoint(ClickHouseMigrations migrations) {
		this.migrations = migrations;
	}

	@ReadOperation
	public MigrationsDescriptor migrations() {
		Map<String, DatabaseDescriptor> databases = new LinkedHashMap<>();
		Map<String, Integer> summary = new TreeMap<>();
		this.migrations.info().databases().forEach((name, report) -> {
			databases.put(name, describe(report));
			summary.merge(report.status().name(), 1, Integer::sum);
		});
		return new MigrationsDescriptor(summary, databases);
	}

	@ReadOperation
	public DatabaseDescriptor database(@Selector String database) {
		boolean known = this.migrations.databases().stream().anyMatch((each) -> each.name().equals(database));
		return known ? describe(this.migrations.info(database)) : null;
	}

	private static DatabaseDescriptor describe(DatabaseReport report) {
		Map<String, ModuleDescriptor> modules = new LinkedHashMap<>();
		report.modules().forEach((module, infos) -> modules.put(module,
				new ModuleDescriptor(infos.stream().map(ClickHouseMigrationsEndpoint::describe).toList())));
		RememberedSchema schema = report.schema();
		return new DatabaseDescriptor(report.migrate(), report.readonly(), report.status().name(),
				report.historyTable(), modules,
				(schema.snapshot() == 0) ? null : new SchemaDescriptor(schema.snapshot(), schema.takenAt().toString(),
						schema.fingerprint(), new TreeMap<>(schema.objects())),
				report.drift().stream().map((drift) -> new DriftDescriptor(drift.object(), drift.change())).toList());
	}

	private static MigrationDescriptor describe(MigrationInfo info) {
		// A rolled-back migration has a history row but is pending again: nothing installed to show.
		boolean recorded = info.applied() != null && (info.state().isApplied() || info.state().isProblem());
		return new MigrationDescriptor(info.key().version().toString(), info.description(), info.type().name(),
				info.script(), info.checksum(), info.state().name(),
				recorded ? info.applied().installedOn().toString() : null,
				recorded ? info.applied().installedBy() : null, recorded ? info.applied().executionTimeMs() : null);
	}

	/**
	 * Every database, by name, and how many are in each status (with hundreds of databases, read
	 * the summary here and one database at {@code /actuator/clickhousemigrations/<name>}).
	 */
	public record MigrationsDescriptor(Map<String, Integer> summary, Map<String, DatabaseDescriptor> databases)
			implements OperationResponseBody {
	}

	/**
	 * One database; {@code schema}: what the last migrate that changed something left ({@code null}
	 * before the first); {@code drift}: objects changed outside migrations since.
	 */
	public record DatabaseDescriptor(boolean migrate, boolean readonly, String status, String historyTable,
			Map<String, ModuleDescriptor> modules, SchemaDescriptor schema, List<DriftDescriptor> drift)
			implements OperationResponseBody {
	}

	/** The remembered schema: its snapshot number, when, one fingerprint of it all, and one per object. */
	public record SchemaDescriptor(long snapshot, String takenAt, String fingerprint, Map<String, String> objects) {
	}

	/** An object changed outside migrations, and what changed. */
	public record DriftDescriptor(String object, String change) {
	}

	/** One module of a database. */
	public record ModuleDescriptor(List<MigrationDescriptor> migrations) {
	}

	/** One migration; installation fields are null until it is recorded. */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record MigrationDescriptor(String version, String description, String type, String script, String checksum,
			String state, String installedOn, String installedBy, Long executionTimeMs) {
	}

}
