-- ClickHouse reads 4 statements
SELECT 'it''s; fine', 'back\\slash\'; x' AS "odd;name", 1 AS `b;t`;
INSERT INTO t VALUES (1, 'a;b'), (2, 'c''d');
INSERT INTO t FORMAT Values (3, 'e;f');
SELECT 1 AS `x``y`, "q""r" FROM system.one;
