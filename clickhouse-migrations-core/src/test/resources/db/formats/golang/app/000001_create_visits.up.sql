CREATE TABLE visits (id UInt64, at DateTime) ENGINE = MergeTree ORDER BY id;
INSERT INTO visits VALUES (1, now())