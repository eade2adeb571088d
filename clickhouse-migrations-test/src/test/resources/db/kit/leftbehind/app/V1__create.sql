CREATE TABLE t (id UInt32) ENGINE = MergeTree ORDER BY id;

-- rollback
DROP TABLE t;
