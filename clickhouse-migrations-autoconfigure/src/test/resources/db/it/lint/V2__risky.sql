-- What a careless migration does to production; lint says so before it runs.

-- lint: allow drop-table archived to object storage in 2025, nothing reads it
DROP TABLE IF EXISTS archive;

ALTER TABLE events MODIFY COLUMN n Int32;

ALTER TABLE events DROP COLUMN at;

ALTER TABLE events UPDATE note = 'y' WHERE 1;

SELEC 1;

ALTER TABLE events MODIFY TTL at + INTERVAL 7 DAY;
