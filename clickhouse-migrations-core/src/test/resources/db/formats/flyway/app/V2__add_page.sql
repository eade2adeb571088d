ALTER TABLE visits ADD COLUMN page String;
