package org.clickhousemigrations.execute;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;

import org.clickhousemigrations.execute.ErrorClasses.Handling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorClassesTests {

	@ParameterizedTest
	@ValueSource(ints = { 517, 242, 252, 202, 473, 286 })
	void refusalsOfAReplicatedServerAreRetried(int code) {
		assertThat(ErrorClasses.of(error(code), "ALTER TABLE t UPDATE v = 1 WHERE 1")).isEqualTo(Handling.RETRY);
	}

	@ParameterizedTest
	@ValueSource(ints = { 999, 319 })
	void answersThatMayHideWorkAreLookedUp(int code) {
		assertThat(ErrorClasses.of(error(code), "INSERT INTO t VALUES (1)")).isEqualTo(Handling.LOOK_UP);
	}

	@Test
	void aLostAnswerIsLookedUp() {
		assertThat(ErrorClasses.of(new SQLException("Query request failed", new SocketTimeoutException("Read timed out")),
				"INSERT INTO t VALUES (1)")).isEqualTo(Handling.LOOK_UP);
		assertThat(ErrorClasses.of(new SQLException("failed", new IOException("Connection reset")), null))
			.isEqualTo(Handling.LOOK_UP);
	}

	@Test
	void aTimeoutIsLookedUpOnlyForAnOnClusterStatement() {
		assertThat(ErrorClasses.of(error(159), "CREATE TABLE t ON CLUSTER c (a UInt8) ENGINE = Memory"))
			.isEqualTo(Handling.LOOK_UP);
		assertThat(ErrorClasses.of(error(159), "ALTER TABLE t ON CLUSTER c UPDATE v = 1 WHERE 1"))
			.isEqualTo(Handling.LOOK_UP);
		assertThat(ErrorClasses.of(error(159), "INSERT INTO t SELECT * FROM big")).isEqualTo(Handling.FAILED);
	}

	@Test
	void everyOtherErrorIsAFailure() {
		assertThat(ErrorClasses.of(error(60), "INSERT INTO t VALUES (1)")).isEqualTo(Handling.FAILED);
		assertThat(ErrorClasses.of(error(341), "ALTER TABLE t UPDATE v = 1 WHERE 1")).isEqualTo(Handling.FAILED);
		assertThat(ErrorClasses.name(error(517))).isEqualTo("517 CANNOT_ASSIGN_ALTER");
		assertThat(ErrorClasses.name(error(60))).isEqualTo("60");
	}

	@Test
	void theTableListsEveryCodeWithAHandlingOfItsOwn() {
		assertThat(ErrorClasses.table()).containsOnlyKeys(517, 242, 252, 202, 473, 286, 999, 319, 159);
	}

	private static SQLException error(int code) {
		return new SQLException("Code: " + code + ". DB::Exception: something. (SOME_NAME) (version 26.7.3.1)");
	}

}
