CREATE TABLE source (id UInt64, v UInt32) ENGINE = MergeTree ORDER BY id;

INSERT INTO source SELECT number, number % 10 FROM numbers(5000);

CREATE TABLE target (id UInt64, v UInt32) ENGINE = MergeTree ORDER BY id;

CREATE TABLE target_count (v UInt32, n UInt64) ENGINE = SummingMergeTree ORDER BY v;

CREATE MATERIALIZED VIEW target_count_mv TO target_count AS SELECT v, count() AS n FROM target GROUP BY v;

-- rollback
DROP VIEW target_count_mv;
DROP TABLE target_count;
DROP TABLE target;
DROP TABLE source;
