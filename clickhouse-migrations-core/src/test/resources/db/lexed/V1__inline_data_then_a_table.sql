CREATE TABLE IF NOT EXISTS notes (s String) ENGINE = MergeTree ORDER BY s;
INSERT INTO notes FORMAT TSV hello

CREATE TABLE audit (s String) ENGINE = MergeTree ORDER BY s;
