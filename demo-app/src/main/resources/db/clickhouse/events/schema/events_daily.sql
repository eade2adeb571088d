-- Events per day and kind, kept up to date by events_daily_mv.
CREATE TABLE events_daily (
    day Date,
    kind LowCardinality(String),
    events UInt64
) ENGINE = SummingMergeTree
ORDER BY (day, kind);
