ALTER TABLE visits ADD COLUMN referrer String;
