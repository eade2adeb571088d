ALTER TABLE items ADD COLUMN IF NOT EXISTS price Decimal(10, 2) DEFAULT 0;

ALTER TABLE items UPDATE price = 9.99 WHERE name = 'a';

-- rollback
ALTER TABLE items DROP COLUMN IF EXISTS price;
