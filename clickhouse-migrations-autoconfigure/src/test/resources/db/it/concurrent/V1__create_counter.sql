CREATE TABLE counter (n UInt8) ENGINE = MergeTree ORDER BY n;
INSERT INTO counter VALUES (1);
-- Long enough that the other instances find the lock taken.
SELECT sleep(1);
