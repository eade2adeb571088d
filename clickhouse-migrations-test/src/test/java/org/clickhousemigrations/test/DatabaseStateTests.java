package org.clickhousemigrations.test;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How two states of a database differ, as the verifier reports it. */
class DatabaseStateTests {

	private final DatabaseState expected = new DatabaseState(Map.of("t", "CREATE TABLE t (`id` UInt32)"),
			Map.of("t", List.of("1", "2")));

	@Test
	void theSameStateHasNoDifference() {
		assertThat(new DatabaseState(this.expected.schema(), this.expected.rows()).differences(this.expected)).isEmpty();
	}

	@Test
	void rowsWrittenTwiceAreNamedWithASample() {
		DatabaseState twice = new DatabaseState(this.expected.schema(), Map.of("t", List.of("1", "1", "2")));
		assertThat(twice.differences(this.expected)).containsExactly(
				"t holds 3 rows where the uninterrupted run holds 2: \n      extra 1: 1");
	}

	@Test
	void objectsLeftBehindMissingOrChanged() {
		DatabaseState other = new DatabaseState(Map.of("t", "CREATE TABLE t (`id` UInt64)", "u", "CREATE TABLE "
				+ "u (`x` UInt8)"), this.expected.rows());
		assertThat(other.differences(this.expected)).containsExactly(
				"t differs:\n      expected CREATE TABLE t (`id` UInt32)\n      but was  CREATE TABLE t (`id` UInt64)",
				"u is left behind: CREATE TABLE u (`x` UInt8)");
		assertThat(this.expected.differences(other)).contains("u is missing: CREATE TABLE u (`x` UInt8)");
	}

}
