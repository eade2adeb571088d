-- Fails at row 50,000 while the switch table says so, after writing blocks of 1,000 rows.
CREATE TABLE IF NOT EXISTS t (n UInt64) ENGINE = MergeTree ORDER BY n;
SET max_block_size = 1000, max_insert_block_size = 1000, min_insert_block_size_rows = 0, min_insert_block_size_bytes = 0;
INSERT INTO t SELECT number FROM numbers(100000) WHERE throwIf(number >= 50000 AND joinGet('sw', 'fail', toUInt8(0)) = 1) = 0;
