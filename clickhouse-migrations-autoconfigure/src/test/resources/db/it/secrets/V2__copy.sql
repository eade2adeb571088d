-- Fails (nothing listens there), with a secret placeholder and a password written literally.
INSERT INTO t SELECT toUInt64(a) FROM postgresql('127.0.0.1:1', 'db', 'src', 'reader', '${pg_password}')
UNION ALL SELECT toUInt64(a) FROM mysql('127.0.0.1:1', 'db', 'src', 'reader', 'Literal-Pw-5');
