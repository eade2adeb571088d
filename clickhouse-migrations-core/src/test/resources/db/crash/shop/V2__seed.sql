INSERT INTO s SELECT number + 10, toString(number) FROM numbers(10);
