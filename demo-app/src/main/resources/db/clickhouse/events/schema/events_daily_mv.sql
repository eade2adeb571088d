CREATE MATERIALIZED VIEW events_daily_mv TO events_daily AS
SELECT toDate(at) AS day, kind, count() AS events FROM events GROUP BY day, kind;
