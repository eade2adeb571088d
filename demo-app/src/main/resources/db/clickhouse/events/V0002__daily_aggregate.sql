-- Events per day and kind, kept up to date by a materialized view.
CREATE TABLE IF NOT EXISTS events_daily ${on_cluster} (
    day Date,
    kind LowCardinality(String),
    events UInt64
) ENGINE = SummingMergeTree
ORDER BY (day, kind);

CREATE MATERIALIZED VIEW IF NOT EXISTS events_daily_mv ${on_cluster} TO events_daily AS
SELECT toDate(at) AS day, kind, count() AS events FROM events GROUP BY day, kind;

-- rollback
DROP VIEW IF EXISTS events_daily_mv ${on_cluster};
DROP TABLE IF EXISTS events_daily ${on_cluster};
