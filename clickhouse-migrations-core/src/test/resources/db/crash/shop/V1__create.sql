CREATE TABLE IF NOT EXISTS s (id UInt32, name String) ENGINE = MergeTree ORDER BY id;
INSERT INTO s VALUES (1, 'ab'), (2, 'cd');
