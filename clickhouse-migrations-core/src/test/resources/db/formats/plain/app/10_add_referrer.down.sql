ALTER TABLE visits DROP COLUMN referrer;
