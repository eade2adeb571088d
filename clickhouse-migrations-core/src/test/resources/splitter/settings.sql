-- ClickHouse reads 3 statements
SET max_threads = 3, join_algorithm = 'hash';
SELECT getSetting('max_threads');
SET ROLE NONE;
