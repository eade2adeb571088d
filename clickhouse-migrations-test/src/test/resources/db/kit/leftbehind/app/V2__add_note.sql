ALTER TABLE t ADD COLUMN note String;

-- rollback
-- (forgot to drop the column: the rollback of V1 would hide it by dropping the table)
SELECT 1;
