ALTER TABLE t UPDATE v = concat(v, 'b') WHERE 1;
