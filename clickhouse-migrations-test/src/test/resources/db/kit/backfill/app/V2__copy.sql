-- backfill: by intDiv(id, 1000)
INSERT INTO target SELECT id, v FROM source;

-- rollback
TRUNCATE TABLE target;
TRUNCATE TABLE target_count;
