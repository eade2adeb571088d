-- ClickHouse reads 3 statements
SELECT $$a;b$$;
SELECT $$it's$$;
SELECT $doc$x; 'y' "z" $$ $doc$ AS t;
