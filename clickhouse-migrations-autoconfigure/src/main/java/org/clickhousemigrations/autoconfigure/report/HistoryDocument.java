package org.clickhousemigrations.autoconfigure.report;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.clickhousemigrations.model.AppliedMigration;
import org.clickhousemigrations.model.HistoryEvent;
import org.clickhousemigrations.model.MigrationKey;
import org.clickhousemigrations.model.MigrationType;
import org.clickhousemigrations.model.MigrationVersion;

/**
 * The history of a database as {@code history --clickhouse.migrations.output=json} prints it and
 * {@code export} writes it: {@code {"database": ..., "rows": [...]}}, rows oldest first, each with
 * every field of the history table; {@code import --clickhouse.migrations.from=<file.json>} reads
 * it back.
 *
 * @param database the configured database the rows were read from
 * @param rows the rows, oldest first
 */
public record HistoryDocument(String database, List<Row> rows) {

	/** A document of the given rows. */
	public static HistoryDocument of(String database, List<AppliedMigration> rows) {
		return new HistoryDocument(database, rows.stream().map(Row::of).toList());
	}

	/**
	 * Reads a document from its JSON text.
	 * @throws IllegalArgumentException naming what is missing or wrong
	 */
	public static HistoryDocument read(String json) {
		JsonNode document;
		try {
			document = Documents.JSON.readTree(json);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("not JSON: " + ex.getOriginalMessage(), ex);
		}
		if (document == null || !document.path("rows").isArray()) {
			throw new IllegalArgumentException("not a history export: it needs {\"database\": ..., \"rows\": [...]}");
		}
		List<Row> rows = new ArrayList<>();
		for (JsonNode row : document.get("rows")) {
			for (RecordComponent field : Row.class.getRecordComponents()) {
				if (!row.hasNonNull(field.getName())) {
					throw new IllegalArgumentException("a row has no '" + field.getName() + "'");
				}
			}
			rows.add(Documents.JSON.treeToValue(row, Row.class));
		}
		return new HistoryDocument(document.path("database").asString(), rows);
	}

	/** The rows as the history keeps them. */
	public List<AppliedMigration> applied() {
		return this.rows.stream().map(Row::applied).toList();
	}

	/** One history row. */
	public record Row(String module, String version, String description, String type, String script, String checksum,
			String event, int statementsDone, int statementsTotal, String progressChecksum, String installedBy,
			String installedOn, long executionTimeMs, String error) {

		static Row of(AppliedMigration row) {
			return new Row(row.key().module(), row.key().version().toString(), row.description(), row.type().name(),
					row.script(), row.checksum(), row.event().name(), row.statementsDone(), row.statementsTotal(),
					row.progressChecksum(), row.installedBy(), row.installedOn().toString(), row.executionTimeMs(),
					row.error());
		}

		AppliedMigration applied() {
			try {
				return new AppliedMigration(new MigrationKey(this.module, MigrationVersion.parse(this.version)),
						this.description, MigrationType.valueOf(this.type), this.script, this.checksum,
						HistoryEvent.valueOf(this.event), this.statementsDone, this.statementsTotal, this.progressChecksum,
						this.installedBy, Instant.parse(this.installedOn), this.executionTimeMs, this.error);
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException("the row of " + this.module + ":" + this.version + " cannot be read: "
						+ ex.getMessage(), ex);
			}
		}

	}

}
