-- Raw events, kept for ${events_ttl_days} days.
CREATE TABLE IF NOT EXISTS events ${on_cluster} (
    at DateTime,
    user_id UInt64,
    kind LowCardinality(String)
) ENGINE = MergeTree
ORDER BY (kind, at)
TTL at + INTERVAL ${events_ttl_days} DAY;

-- rollback
DROP TABLE IF EXISTS events ${on_cluster};
