-- Invoices, one row per billed event.
CREATE TABLE invoices (
    id UInt64,
    amount Decimal(18, 2),
    note String DEFAULT 'a ; inside a string'
) ENGINE = MergeTree ORDER BY id;

INSERT INTO invoices (id, amount) VALUES (1, 9.99), (2, 20.00);

-- rollback
DROP TABLE IF EXISTS invoices;
