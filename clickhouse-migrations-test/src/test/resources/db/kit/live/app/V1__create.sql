CREATE TABLE events (id UInt64, v UInt32) ENGINE = MergeTree ORDER BY id;

CREATE TABLE events_count (v UInt32, n UInt64) ENGINE = SummingMergeTree ORDER BY v;

CREATE MATERIALIZED VIEW events_count_mv TO events_count AS SELECT v, count() AS n FROM events GROUP BY v;

INSERT INTO events SELECT number, number % 10 FROM numbers(2000);

INSERT INTO events SELECT number + 2000, number % 10 FROM numbers(2000);

INSERT INTO events SELECT number + 4000, number % 10 FROM numbers(1000);

-- rollback
DROP VIEW events_count_mv;
DROP TABLE events_count;
DROP TABLE events;
