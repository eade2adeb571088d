package org.clickhousemigrations.execute;

import java.util.List;

import org.clickhousemigrations.execute.DistributedDdlQueue.Host;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ON CLUSTER} timeout path, by rendering: the embedded ClickHouse has no cluster, so no
 * distributed DDL queue.
 */
class DistributedDdlQueueTests {

	private static final String TIMEOUT = "ClickHouse error 159: Distributed DDL task /clickhouse/task_queue/ddl/"
			+ "query-0000000012 is not finished on 1 of 3 hosts (0 of them are currently executing the task, 0 are "
			+ "inactive). They are going to execute the query in background. Was waiting for 180.1 seconds, which is "
			+ "longer than distributed_ddl_task_timeout. (TIMEOUT_EXCEEDED)";

	@Test
	void theQueueEntryIsReadFromTheError() {
		assertThat(DistributedDdlQueue.entry(TIMEOUT)).contains("query-0000000012");
		assertThat(DistributedDdlQueue.entry("ClickHouse error 159: Timeout exceeded: elapsed 5 seconds")).isEmpty();
	}

	@Test
	void theHostsOfTheEntryAreReadFromTheQueueOfTheCluster() {
		assertThat(DistributedDdlQueue.HOSTS).isEqualTo("SELECT host, port, status, exception_code, exception_text "
				+ "FROM system.distributed_ddl_queue WHERE entry = ? AND cluster = ? ORDER BY host, port");
	}

	@Test
	void hostsStillWorkingAreWaitedFor() {
		assertThat(DistributedDdlQueue.judge("query-0000000012", List.of(host("a", "Finished", 0),
				host("b", "Active", 0)))).isNull();
	}

	@Test
	void everyHostFinishedIsDone() {
		assertThat(DistributedDdlQueue.judge("query-0000000012", List.of(host("a", "Finished", 0),
				host("b", "Finished", 0))).kind()).isEqualTo(Verdict.Kind.FINISHED);
	}

	@Test
	void aHostThatFailedMakesTheOutcomeUnknownAndNamesIt() {
		Verdict verdict = DistributedDdlQueue.judge("query-0000000012", List.of(host("a", "Finished", 0),
				new Host("b:9000", "Finished", 57, "Table already exists")));
		assertThat(verdict.kind()).isEqualTo(Verdict.Kind.UNKNOWN);
		assertThat(verdict.detail()).contains("b:9000: ClickHouse error 57: Table already exists");
	}

	private static Host host(String name, String status, int code) {
		return new Host(name + ":9000", status, code, "");
	}

}
