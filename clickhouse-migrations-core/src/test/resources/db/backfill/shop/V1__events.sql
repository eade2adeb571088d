CREATE TABLE events (id UInt64, at DateTime, v UInt32) ENGINE = MergeTree PARTITION BY toYYYYMM(at) ORDER BY id;

INSERT INTO events SELECT number, toDateTime('2026-01-01 00:00:00') + number * 150, number % 7 FROM numbers(100000);

CREATE TABLE events_copy (id UInt64, at DateTime, v UInt32) ENGINE = MergeTree PARTITION BY toYYYYMM(at) ORDER BY id;

CREATE TABLE copy_totals (month UInt32, rows UInt64) ENGINE = SummingMergeTree ORDER BY month;

CREATE MATERIALIZED VIEW copy_totals_mv TO copy_totals AS
SELECT toYYYYMM(at) AS month, count() AS rows FROM events_copy GROUP BY month;
