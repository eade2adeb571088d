package org.clickhousemigrations.execute;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MutationsTests {

	@Test
	void theMutationAnErrorNamesIsFound() {
		assertThat(Mutations.named(List.of("Code: 341. DB::Exception: Exception happened during execution of mutation "
				+ "'mutation_3.txt' with part 'all_2_2_0' reason: ...", "Code: 341. mutation 0000000007 failed")))
			.containsExactly("mutation_3.txt", "0000000007");
		assertThat(Mutations.named(List.of("Code: 60. Table t does not exist"))).isEmpty();
	}

	@Test
	void aMutationFoundByTimeOnlyMustBeOfTheStatementsKind() {
		assertThat(Mutations.sameCommand("(UPDATE v = v + 1 WHERE 1)", "ALTER TABLE m UPDATE v = v + 1 WHERE 1"))
			.isTrue();
		assertThat(Mutations.sameCommand("DELETE WHERE id = 1", "ALTER TABLE m UPDATE v = 1 WHERE 1")).isFalse();
		assertThat(Mutations.sameCommand("MATERIALIZE INDEX i", "ALTER TABLE m MATERIALIZE INDEX i")).isTrue();
	}

}
