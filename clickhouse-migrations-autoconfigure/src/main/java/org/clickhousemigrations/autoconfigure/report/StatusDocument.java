package org.clickhousemigrations.autoconfigure.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.DatabaseReport;
import org.clickhousemigrations.MigrationInfo;
import org.clickhousemigrations.RunningStatement;
import org.clickhousemigrations.diff.RememberedSchema;

/**
 * The state of the databases as {@code /actuator/clickhousemigrations} and
 * {@code status --clickhouse.migrations.output=json} show it: one shape for both. No URL or
 * credential appears in it.
 */
public final class StatusDocument {

	private StatusDocument() {
	}

	/** Every database, read now, with a count per status. */
	public static MigrationsDescriptor of(ClickHouseMigrations migrations) {
		Map<String, DatabaseDescriptor> databases = new LinkedHashMap<>();
		Map<String, Integer> summary = new TreeMap<>();
		List<RunningStatement> running = migrations.running();
		migrations.info().databases().forEach((name, report) -> {
			databases.put(name, describe(report, running));
			summary.merge(report.status().name(), 1, Integer::sum);
		});
		return new MigrationsDescriptor(summary, databases);
	}

	/** One database, read now. */
	public static DatabaseDescriptor of(ClickHouseMigrations migrations, String database) {
		return describe(migrations.info(database), migrations.running());
	}

	private static DatabaseDescriptor describe(DatabaseReport report, List<RunningStatement> running) {
		Map<String, ModuleDescriptor> modules = new LinkedHashMap<>();
		report.modules().forEach((module, infos) -> modules.put(module,
				new ModuleDescriptor(infos.stream().map(StatusDocument::describe).toList())));
		RememberedSchema schema = report.schema();
		RunningDescriptor now = running.stream()
			.filter((statement) -> statement.database().equals(report.name()))
			.findFirst()
			.map(StatusDocument::describe)
			.orElse(null);
		return new DatabaseDescriptor(report.migrate(), report.readonly(), report.status().name(),
				report.historyTable(), modules, now,
				(schema.snapshot() == 0) ? null : new SchemaDescriptor(schema.snapshot(), schema.takenAt().toString(),
						schema.fingerprint(), new TreeMap<>(schema.objects())),
				report.drift().stream().map((drift) -> new DriftDescriptor(drift.object(), drift.change())).toList());
	}

	private static MigrationDescriptor describe(MigrationInfo info) {
		boolean recorded = info.isRecorded();
		return new MigrationDescriptor(info.key().version().toString(), info.description(), info.type().name(),
				info.script(), info.checksum(), info.state().name(),
				recorded ? info.applied().installedOn().toString() : null,
				recorded ? info.applied().installedBy() : null, recorded ? info.applied().executionTimeMs() : null);
	}

	private static RunningDescriptor describe(RunningStatement statement) {
		RunningStatement.Progress progress = statement.progress();
		return new RunningDescriptor(statement.migration(), statement.rollback(), statement.statement(),
				statement.statements(), statement.sql(), statement.startedAt().toString(), statement.age().toSeconds(),
				progress.readRows(), progress.readBytes(), progress.writtenRows(), progress.writtenBytes(),
				progress.share(), (progress.partsToDo() >= 0) ? progress.partsToDo() : null,
				(statement.chunks().total() > 0) ? statement.chunks().done() : null,
				(statement.chunks().total() > 0) ? statement.chunks().total() : null);
	}

	/**
	 * Every database, by name, and how many are in each status (with hundreds of databases, read
	 * the summary, and one database on its own).
	 */
	public record MigrationsDescriptor(Map<String, Integer> summary, Map<String, DatabaseDescriptor> databases) {
	}

	/**
	 * One database; {@code running}: the statement running now, if one does; {@code schema}: what
	 * the last migrate that changed something left ({@code null} before the first); {@code drift}:
	 * objects changed outside migrations since.
	 */
	public record DatabaseDescriptor(boolean migrate, boolean readonly, String status, String historyTable,
			Map<String, ModuleDescriptor> modules, RunningDescriptor running, SchemaDescriptor schema,
			List<DriftDescriptor> drift) {
	}

	/**
	 * The statement running now: which, since when, and what ClickHouse last said of its progress;
	 * for a backfill or a live copy, its chunks done and in all (of the current pass).
	 */
	public record RunningDescriptor(String migration, boolean rollback, int statement, int statements, String sql,
			String startedAt, long elapsedSeconds, long readRows, long readBytes, long writtenRows, long writtenBytes,
			Double share, Long partsToDo, Integer chunksDone, Integer chunks) {
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
