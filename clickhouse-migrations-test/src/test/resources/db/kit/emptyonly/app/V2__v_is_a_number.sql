-- Fine on an empty table; fails on the first row whose v is not a number.
ALTER TABLE t MODIFY COLUMN v UInt32 SETTINGS mutations_sync = 2;
