CREATE TABLE events (id UInt64, at DateTime, n Int64, note String)
ENGINE = MergeTree ORDER BY id TTL at + INTERVAL 90 DAY;

CREATE MATERIALIZED VIEW by_day ENGINE = SummingMergeTree ORDER BY day
AS SELECT toDate(at) AS day, count() AS c FROM events GROUP BY day;

CREATE TABLE archive (id UInt64) ENGINE = MergeTree ORDER BY id;

INSERT INTO events SELECT number, now() - number, number, 'x' FROM numbers(1000);
