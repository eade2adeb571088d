package org.clickhousemigrations.engine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.RunningStatement;
import org.clickhousemigrations.model.DatabaseStatus;
import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.EmbeddedClickHouseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A statement that runs for long is watched: its progress is logged and shown while it runs, and
 * a socket timeout of the client (1 s here, for an 8 s statement) does not cut it off: the library
 * waits for it on the server.
 */
@ExtendWith({ EmbeddedClickHouseExtension.class, OutputCaptureExtension.class })
class ProgressIT {

	@Test
	void longStatementsAreWatchedAndOutliveTheSocketTimeout(EmbeddedClickHouse clickHouse, CapturedOutput output)
			throws Exception {
		String database = clickHouse.createDatabase("long");
		ClickHouseMigrations migrations = CrashMain.migrations(clickHouse.jdbcUrl(database) + "?socket_timeout=1000",
				"classpath:db/long", Clock.systemUTC());
		CompletableFuture<Void> migrating = CompletableFuture.runAsync(migrations::migrate);
		List<RunningStatement> seen = new ArrayList<>();
		while (!migrating.isDone()) {
			seen.addAll(migrations.running());
			Thread.sleep(200);
		}
		migrating.get();
		assertThat(migrations.info("main").status()).isEqualTo(DatabaseStatus.UP_TO_DATE);
		assertThat(clickHouse.query("SELECT count() FROM " + database + ".t")).isEqualTo("16\n");
		assertThat(seen).isNotEmpty().allSatisfy((statement) -> {
			assertThat(statement.database()).isEqualTo("main");
			assertThat(statement.migration()).isEqualTo("main:1");
			assertThat(statement.statement()).isEqualTo(2);
			assertThat(statement.statements()).isEqualTo(2);
			assertThat(statement.sql()).contains("INSERT INTO t SELECT");
		});
		assertThat(seen).anySatisfy((statement) -> assertThat(statement.progress().readRows()).isPositive());
		assertThat(migrations.running()).isEmpty();
		assertThat(output.getOut()).contains("Migrating main:1 on database 'main', statement 2 of 2 still running: ")
			.containsPattern("still running: \\d+ s, \\d+ rows \\(\\d+ B\\) read");
	}

}
