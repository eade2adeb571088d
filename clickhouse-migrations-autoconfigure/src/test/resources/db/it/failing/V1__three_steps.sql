CREATE TABLE first (id UInt8) ENGINE = MergeTree ORDER BY id;
INSERT INTO ${target} VALUES (1);
CREATE TABLE IF NOT EXISTS third (id UInt8) ENGINE = MergeTree ORDER BY id;
