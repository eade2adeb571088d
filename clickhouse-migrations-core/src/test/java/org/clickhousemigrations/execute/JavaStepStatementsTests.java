package org.clickhousemigrations.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;

import org.clickhousemigrations.model.Checksums;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/** A replayed Java step: its reads run again, its finished writes are skipped, a changed write stops it. */
class JavaStepStatementsTests {

	private static final String FIRST = "INSERT INTO j SELECT number FROM numbers(5)";

	private final StatementId step = new StatementId("chm_0123456789abcdef_main_1_f1", 2);

	private final Connection connection = mock(Connection.class);

	private final Statement statement = mock(Statement.class);

	private final PreparedStatement prepared = mock(PreparedStatement.class);

	JavaStepStatementsTests() throws Exception {
		given(this.connection.createStatement()).willReturn(this.statement);
		given(this.connection.prepareStatement(anyString())).willReturn(this.prepared);
		given(this.statement.executeUpdate(anyString())).willReturn(5);
		given(this.prepared.executeUpdate()).willReturn(1);
	}

	@Test
	void writesThatFinishedBeforeAreSkippedAndTheOthersSent() throws Exception {
		Connection wrapped = new JavaStepStatements(this.step, Map.of(1, checksum(FIRST))).wrap(this.connection);
		assertThat(wrapped.createStatement().executeUpdate(FIRST)).isZero();
		verify(this.statement, never()).executeUpdate(FIRST);
		try (PreparedStatement second = wrapped.prepareStatement("INSERT INTO j VALUES (?)")) {
			second.setLong(1, 100);
			assertThat(second.executeUpdate()).isEqualTo(1);
		}
		verify(this.prepared, times(1)).executeUpdate();
	}

	@Test
	void readsRunAgainAndAreNotCountedAsWrites() throws Exception {
		Connection wrapped = new JavaStepStatements(this.step, Map.of(1, checksum(FIRST))).wrap(this.connection);
		wrapped.createStatement().executeQuery("SELECT count() FROM s");
		wrapped.createStatement().execute("WITH 1 AS x SELECT x");
		verify(this.statement).executeQuery("SELECT count() FROM s");
		verify(this.statement).execute("WITH 1 AS x SELECT x");
		assertThat(wrapped.createStatement().executeUpdate(FIRST)).as("still write 1: skipped").isZero();
	}

	@Test
	void aWriteWhoseTextChangedSinceItFinishedStopsTheReplay() throws Exception {
		Connection wrapped = new JavaStepStatements(this.step, Map.of(1, checksum(FIRST))).wrap(this.connection);
		assertThatExceptionOfType(JavaStepStatements.ChangedWriteException.class)
			.isThrownBy(() -> wrapped.createStatement().executeUpdate("INSERT INTO j SELECT number FROM numbers(6)"))
			.withMessageContaining("write 1 of the Java step is now \"INSERT INTO j SELECT number FROM numbers(6)\"");
		verify(this.statement, never()).executeUpdate(anyString());
	}

	@Test
	void writesCarryTheirNumberAndChecksumInTheirQueryId() {
		assertThat(this.step.javaWriteQueryId(2, checksum(FIRST)))
			.isEqualTo("chm_0123456789abcdef_main_1_f1_a2_w2_" + checksum(FIRST));
		assertThat(new LoggedQuery(this.step.javaWriteQueryId(2, "0f33ffc8"), "QueryFinish", "", 0, "", 0, 0))
			.satisfies((logged) -> {
				assertThat(logged.javaWrite()).isEqualTo(2);
				assertThat(logged.javaWriteChecksum()).isEqualTo("0f33ffc8");
				assertThat(logged.attempt(this.step)).isEqualTo(2);
				assertThat(logged.isStatement(this.step)).isFalse();
			});
	}

	private static String checksum(String sql) {
		return Checksums.of(sql).substring(0, 8);
	}

}
