package db.clickhouse.events.schema;

import java.time.Instant;

import org.clickhousemigrations.schema.ClickHouseColumn;
import org.clickhousemigrations.schema.ClickHouseTable;

/**
 * The raw events as the application declares them: {@code generate --from=schema} writes the
 * migration that takes the database here. Java has no unsigned numbers, so those columns say their
 * ClickHouse type.
 */
@ClickHouseTable(name = "events", orderBy = "(kind, at)", ttl = "at + INTERVAL ${events_ttl_days} DAY")
public record Event(@ClickHouseColumn(type = "DateTime") Instant at, @ClickHouseColumn(type = "UInt64") long userId,
		@ClickHouseColumn(lowCardinality = true) String kind,
		@ClickHouseColumn(type = "Nullable(UInt64)") Long invoiceId) {
}
