-- The usual column rewrite: replayed out of order, it loses the column's data.
ALTER TABLE s ADD COLUMN IF NOT EXISTS tmp String;
ALTER TABLE s UPDATE tmp = upper(name) WHERE 1;
ALTER TABLE s DROP COLUMN IF EXISTS name;
ALTER TABLE s RENAME COLUMN IF EXISTS tmp TO name;
