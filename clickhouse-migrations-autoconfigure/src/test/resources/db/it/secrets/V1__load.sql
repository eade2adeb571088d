-- Succeeds with two secret placeholders in it, for 7 seconds (long enough to show as running).
CREATE TABLE IF NOT EXISTS t (n UInt64) ENGINE = MergeTree ORDER BY n;
SET max_block_size = 1;
INSERT INTO t SELECT length('${pg_password}') + length('${dsn_part}') + number FROM numbers(7) WHERE sleepEachRow(1) = 0;
