CREATE TABLE t (x UInt64) ENGINE = MergeTree ORDER BY x;
-- About 8 seconds: four blocks of four rows, each row sleeping half a second.
INSERT INTO t SELECT toUInt64(sleepEachRow(0.5)) + number FROM numbers(16) SETTINGS max_block_size = 4;
