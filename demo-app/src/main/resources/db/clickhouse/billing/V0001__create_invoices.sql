CREATE TABLE IF NOT EXISTS invoices ${on_cluster} (
    id UInt64,
    user_id UInt64,
    amount Decimal(18, 2),
    issued_at DateTime
) ENGINE = MergeTree
ORDER BY (user_id, id);

-- rollback
DROP TABLE IF EXISTS invoices ${on_cluster};
