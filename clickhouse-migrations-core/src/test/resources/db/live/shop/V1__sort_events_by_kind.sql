-- The events are read by kind: sort them by kind. Inserts go on while this runs.
CREATE TABLE events__new (id UInt64, kind LowCardinality(String), at DateTime)
ENGINE = MergeTree PARTITION BY toYYYYMM(at) ORDER BY (kind, id);

-- copy: live, chunks of 20000 rows
EXCHANGE TABLES events AND events__new;

-- rollback
DROP TABLE IF EXISTS events__new;
CREATE TABLE events__new (id UInt64, kind LowCardinality(String), at DateTime)
ENGINE = MergeTree PARTITION BY toYYYYMM(at) ORDER BY id;
-- copy: live, chunks of 20000 rows
EXCHANGE TABLES events AND events__new;
