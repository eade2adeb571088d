-- ClickHouse reads 4 statements
/* outer /* inner */ ; */ SELECT 1;
SELECT 2; // a;b
// don't
SELECT 3;
# hash; comment
SELECT 4 -- trailing; comment
;
-- only a comment; after the last statement
