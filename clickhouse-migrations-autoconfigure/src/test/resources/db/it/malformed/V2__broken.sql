INSERT INTO fine VALUES (1);
INSERT INTO fine SELECT 'unterminated;
