package org.clickhousemigrations.execute;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatementLookupTests {

	@Test
	void withAClusterEveryReplicaIsAsked() {
		// ON CLUSTER cannot run on the embedded server: the query is checked as rendered.
		assertThat(StatementLookup.systemTable("main", "query_log")).isEqualTo("clusterAllReplicas('main', system.query_log)");
		assertThat(StatementLookup.systemTable("it's", "processes"))
			.isEqualTo("clusterAllReplicas('it\\'s', system.processes)");
	}

	@Test
	void withoutAClusterTheServerItselfIsAsked() {
		assertThat(StatementLookup.systemTable(null, "processes")).isEqualTo("system.processes");
	}

}
