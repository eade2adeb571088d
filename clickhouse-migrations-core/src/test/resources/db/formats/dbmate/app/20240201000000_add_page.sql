-- migrate:up transaction:false
ALTER TABLE visits ADD COLUMN page String;

-- migrate:down
ALTER TABLE visits DROP COLUMN page;
