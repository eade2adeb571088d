CREATE TABLE IF NOT EXISTS orders (id UInt64, total Decimal(18, 2)) ENGINE = MergeTree ORDER BY id;
