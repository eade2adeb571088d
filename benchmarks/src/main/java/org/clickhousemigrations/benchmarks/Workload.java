package org.clickhousemigrations.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** N generated two-statement migrations, written as {@code V<n>__m<n>.sql} files. */
enum Workload {

	/** A table created if missing, then seeded: the first statement is additive, the second bracketed. */
	CREATE_AND_INSERT("CREATE TABLE IF NOT EXISTS t%1$d (id UInt64, note String) ENGINE = MergeTree ORDER BY id",
			"INSERT INTO t%1$d VALUES (%1$d, 'seed')"),

	/** Two additive DDL statements: no row of their own. */
	ADDITIVE_DDL("CREATE TABLE IF NOT EXISTS t%1$d (id UInt64) ENGINE = MergeTree ORDER BY id",
			"ALTER TABLE t%1$d ADD COLUMN IF NOT EXISTS note String"),

	/** Two bracketed statements: each needs its own progress row. */
	BRACKETED("CREATE TABLE t%1$d (id UInt64, note String) ENGINE = MergeTree ORDER BY id",
			"INSERT INTO t%1$d VALUES (%1$d, 'seed')");

	private final String first;

	private final String second;

	Workload(String first, String second) {
		this.first = first;
		this.second = second;
	}

	/** The statements of migration {@code n}. */
	List<String> statements(int n) {
		return List.of(this.first.formatted(n), this.second.formatted(n));
	}

	/** Writes {@code count} migrations into a new folder and returns it. */
	Path write(Path parent, int count) throws IOException {
		Path dir = Files.createDirectories(parent.resolve(name().toLowerCase() + "-" + count));
		for (int n = 1; n <= count; n++) {
			Files.writeString(dir.resolve("V%d__m%d.sql".formatted(n, n)), String.join(";\n", statements(n)) + ";\n");
		}
		return dir;
	}

	/** All statements of {@code count} migrations, in order. */
	List<String> allStatements(int count) {
		List<String> all = new ArrayList<>();
		for (int n = 1; n <= count; n++) {
			all.addAll(statements(n));
		}
		return all;
	}

}
