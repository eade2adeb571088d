package db.declared.shop.schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.clickhousemigrations.schema.ClickHouseColumn;
import org.clickhousemigrations.schema.ClickHouseTable;

/** A table declared as a record, with every Java type that maps to a ClickHouse type. */
@ClickHouseTable(orderBy = "(site_id, at)", partitionBy = "toYYYYMM(at)", ttl = "at + INTERVAL 1 YEAR",
		settings = "index_granularity = 4096", comment = "one row per page view")
public record PageView(long siteId, Instant at, UUID visitorId, String url,
		@ClickHouseColumn(lowCardinality = true, comment = "where it came from") String referrer, int durationMs,
		short status, byte flags, double score, float ratio, boolean bounced, Integer scrollPercent,
		Optional<String> campaign, BigDecimal revenue, LocalDate day, LocalDateTime localTime, Device device,
		List<String> tags, Map<String, Long> counters, Location location,
		@ClickHouseColumn(type = "DateTime64(6, 'UTC')", defaultExpression = "now64(6)", codec = "Delta, ZSTD(1)")
		Instant receivedAt,
		@ClickHouseColumn(name = "host", materialized = "domain(url)") String hostName) {

	/** An enum: Enum8 of its names. */
	public enum Device {

		DESKTOP, PHONE, TABLET

	}

	/** A nested record: a named Tuple. */
	public record Location(String country, double latitude, double longitude) {
	}

}
