-- migrate:up
CREATE TABLE visits (id UInt64, at DateTime) ENGINE = MergeTree ORDER BY id;

-- migrate:down
DROP TABLE visits;
