CREATE TABLE events__new (id UInt64, v UInt32) ENGINE = MergeTree ORDER BY (v, id);

-- copy: live, chunks of 2000 rows
EXCHANGE TABLES events AND events__new;

-- rollback
CREATE TABLE events__old (id UInt64, v UInt32) ENGINE = MergeTree ORDER BY id;
-- copy: live, chunks of 2000 rows
EXCHANGE TABLES events AND events__old;
DROP TABLE events__old;
DROP TABLE IF EXISTS events__new;
