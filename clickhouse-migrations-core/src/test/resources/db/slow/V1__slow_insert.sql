CREATE TABLE IF NOT EXISTS slow (n UInt64) ENGINE = MergeTree ORDER BY n;
-- About three seconds, longer than the socket timeout of the test.
INSERT INTO slow SELECT number FROM numbers(3) WHERE sleepEachRow(1) = 0;
