CREATE TABLE IF NOT EXISTS events ${on_cluster} (
    id UInt64,
    at DateTime,
    kind LowCardinality(String)
) ENGINE = MergeTree ORDER BY (kind, id)
TTL at + INTERVAL ${events_ttl_days} DAY;
