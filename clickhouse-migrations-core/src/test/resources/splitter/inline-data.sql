-- ClickHouse reads 4 statements
CREATE TABLE notes (s String) ENGINE = Memory;
INSERT INTO notes FORMAT TSV hello;with "quote

CREATE TABLE audit (s String) ENGINE = MergeTree ORDER BY s;
INSERT INTO notes (s) FORMAT CSV
"a;b"
c;d

