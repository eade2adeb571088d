package org.clickhousemigrations.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A module of 20 migrations and 60 statements through every check, crash matrix included, as the
 * issue sizes it; the verifier prints how long each check took (the figure is read, not asserted).
 */
class MigrationsVerifierScaleIT {

	@TempDir
	Path root;

	@Test
	void twentyMigrationsOfSixtyStatementsPassEveryCheck() throws IOException {
		Path module = Files.createDirectories(this.root.resolve("shop"));
		for (int i = 1; i <= 20; i++) {
			String table = "t" + i;
			Files.writeString(module.resolve(String.format("V%02d__step_%d.sql", i, i)), String.join("\n",
					"CREATE TABLE IF NOT EXISTS " + table + " (id UInt32, v String) ENGINE = MergeTree ORDER BY id;",
					"ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS n UInt32 DEFAULT id * 2;",
					"INSERT INTO " + table + " SELECT number, toString(number), number FROM numbers(10);",
					"-- rollback",
					"DROP TABLE IF EXISTS " + table + ";"));
		}
		MigrationsVerifier.forLocations("filesystem:" + this.root)
			.roundTrip()
			.crashAtEveryStatement()
			.lostAnswers()
			.lint()
			.verify();
	}

}
