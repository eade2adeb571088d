package org.clickhousemigrations.execute;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueryLogOutcomesTests {

	@Test
	void withAClusterEveryReplicaIsAsked() {
		// ON CLUSTER cannot run on the embedded server: the query is checked as rendered.
		assertThat(QueryLogOutcomes.systemTable("main", "query_log")).isEqualTo("clusterAllReplicas('main', system.query_log)");
		assertThat(QueryLogOutcomes.systemTable("it's", "processes"))
			.isEqualTo("clusterAllReplicas('it\\'s', system.processes)");
	}

	@Test
	void withoutAClusterTheServerItselfIsAsked() {
		assertThat(QueryLogOutcomes.systemTable(null, "processes")).isEqualTo("system.processes");
	}

}
