CREATE TABLE IF NOT EXISTS items (id UInt32, name String) ENGINE = MergeTree ORDER BY id;

CREATE TABLE IF NOT EXISTS item_counts (name String, n UInt64) ENGINE = SummingMergeTree ORDER BY name;

-- rollback
DROP TABLE IF EXISTS item_counts;
DROP TABLE IF EXISTS items;
