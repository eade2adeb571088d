INSERT INTO t SELECT number, 'a' FROM numbers(10);
