CREATE TABLE t (id UInt32, v String) ENGINE = MergeTree ORDER BY id;
