CREATE TABLE fine (n UInt8) ENGINE = MergeTree ORDER BY n;
