package db.clickhouse.events;

import java.util.List;

import org.clickhousemigrations.ClickHouseMigration;
import org.clickhousemigrations.Operations;
import org.clickhousemigrations.Operation;

/**
 * Adds an invoice reference to events and backfills the daily aggregate with the events stored
 * before the materialized view existed. Needs the invoices table of module billing.
 */
public class V0003__BackfillDailyAggregate implements ClickHouseMigration {

	@Override
	public List<Operation> operations() {
		return List.of(Operations.addColumn("events", "invoice_id", "Nullable(UInt64)"),
				Operations.java("backfill events_daily from events", (context) -> context.jdbc()
					.update("INSERT INTO events_daily SELECT toDate(at) AS day, kind, count() FROM events "
							+ "WHERE at < (SELECT min(metadata_modification_time) FROM system.tables "
							+ "WHERE database = currentDatabase() AND name = 'events_daily_mv') GROUP BY day, kind"),
						(context) -> context.jdbc().update("TRUNCATE TABLE events_daily")));
	}

	@Override
	public List<String> dependsOn() {
		return List.of("billing:0001");
	}

}
