package org.clickhousemigrations.resolve;

import org.clickhousemigrations.model.Checksums;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MigrationNameTests {

	@Test
	void classNamesGiveVersionAndWords() {
		MigrationName name = MigrationName.parse("V0003__AddUserId");
		assertThat(name.version()).hasToString("0003");
		assertThat(name.description()).isEqualTo("Add user id");
	}

	@Test
	void fileNamesUseUnderscoresAndDots() {
		assertThat(MigrationName.parse("V1_2__fix_ttl")).satisfies((name) -> {
			assertThat(name.version()).hasToString("1.2");
			assertThat(name.description()).isEqualTo("Fix ttl");
		});
		assertThat(MigrationName.parse("V1.2.3__Create_HTTPLog").description()).isEqualTo("Create http log");
	}

	@Test
	void badNamesSayTheExpectedForm() {
		assertThatIllegalArgumentException().isThrownBy(() -> MigrationName.parse("V1_create"))
			.withMessageContaining("V<version>__<description>");
		assertThatIllegalArgumentException().isThrownBy(() -> MigrationName.parse("V1__"));
	}

	@Test
	void checksumsIgnoreLineEndingsAndTrailingBlanks() {
		assertThat(Checksums.of("SELECT 1;\r\nSELECT 2;  \r\n\r\n")).isEqualTo(Checksums.of("\uFEFFSELECT 1;\nSELECT 2;"))
			.hasSize(16)
			.isNotEqualTo(Checksums.of("SELECT 1;\nSELECT 3;"));
	}

}
