-- The orders as the application wants them.
CREATE TABLE orders (id UInt64, total Decimal(18, 2), currency LowCardinality(String) DEFAULT 'EUR') ENGINE = MergeTree ORDER BY id;
