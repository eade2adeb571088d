-- +goose up
-- +goose NO TRANSACTION
ALTER TABLE visits ADD COLUMN page String
-- +goose down
ALTER TABLE visits DROP COLUMN page
