package org.clickhousemigrations.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

class ClusterSupportTests {

	@Test
	void noClusterMeansNoClauseAndNoQuery() throws Exception {
		Connection connection = mock(Connection.class);
		assertThat(ClusterSupport.onCluster(connection, null, null)).isEmpty();
		assertThat(ClusterSupport.onCluster(connection, " ", "db")).isEmpty();
		verifyNoInteractions(connection);
	}

	@Test
	void ordinaryDatabaseGetsOnCluster() throws Exception {
		assertThat(ClusterSupport.onCluster(connectionToDatabaseOfEngine("Atomic"), "main", "events"))
			.isEqualTo("ON CLUSTER `main`");
	}

	@Test
	void replicatedDatabaseRefusesOnClusterSoItGetsNone() throws Exception {
		assertThat(ClusterSupport.onCluster(connectionToDatabaseOfEngine("Replicated"), "main", "events")).isEmpty();
	}

	@Test
	void clusterNamesAreQuoted() {
		assertThat(ClusterSupport.onClusterClause("my`cluster")).isEqualTo("ON CLUSTER `my\\`cluster`");
	}

	private static Connection connectionToDatabaseOfEngine(String engine) throws Exception {
		Connection connection = mock(Connection.class);
		PreparedStatement statement = mock(PreparedStatement.class);
		ResultSet result = mock(ResultSet.class);
		given(connection.prepareStatement(anyString())).willReturn(statement);
		given(statement.executeQuery()).willReturn(result);
		given(result.next()).willReturn(true);
		given(result.getString(1)).willReturn(engine);
		return connection;
	}

}
