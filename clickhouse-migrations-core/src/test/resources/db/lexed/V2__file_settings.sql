SET max_threads = 3;
CREATE TABLE s ENGINE = MergeTree ORDER BY tuple() AS SELECT getSetting('max_threads') AS v;
