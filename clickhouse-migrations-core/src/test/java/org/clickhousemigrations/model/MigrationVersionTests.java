package org.clickhousemigrations.model;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MigrationVersionTests {

	@Test
	void comparesNumericallyPartByPart() {
		List<MigrationVersion> versions = List.of("1.10", "1.9", "2", "0003", "1_2", "1").stream()
			.map(MigrationVersion::parse)
			.sorted()
			.toList();
		assertThat(versions).map(MigrationVersion::toString).containsExactly("1", "1.2", "1.9", "1.10", "2", "0003");
	}

	@Test
	void leadingAndTrailingZerosDoNotMakeAnotherVersion() {
		assertThat(MigrationVersion.parse("0003")).isEqualTo(MigrationVersion.parse("3"));
		assertThat(MigrationVersion.parse("1.0")).isEqualTo(MigrationVersion.parse("1")).hasSameHashCodeAs(
				MigrationVersion.parse("1"));
		assertThat(MigrationVersion.parse("1_2")).isEqualTo(MigrationVersion.parse("1.2"));
	}

	@Test
	void repeatablePlacesComeAfterEveryVersionByName() {
		List<MigrationVersion> versions = List.of("R__views", "99999", "R__dictionaries", "1").stream()
			.map(MigrationVersion::parse)
			.sorted()
			.toList();
		assertThat(versions).map(MigrationVersion::toString).containsExactly("1", "99999", "R__dictionaries", "R__views");
		assertThat(MigrationVersion.parse("R__views")).isEqualTo(MigrationVersion.repeatable("views"))
			.isNotEqualTo(MigrationVersion.repeatable("view"));
		assertThat(MigrationVersion.repeatable("views").isRepeatable()).isTrue();
		assertThat(MigrationVersion.parse("1").isRepeatable()).isFalse();
	}

	@Test
	void keepsTheTextAsWritten() {
		assertThat(MigrationVersion.parse("0003")).hasToString("0003");
		assertThat(MigrationVersion.parse("1_2")).hasToString("1.2");
	}

	@Test
	void rejectsWhatIsNotAVersion() {
		assertThatIllegalArgumentException().isThrownBy(() -> MigrationVersion.parse("1.a"))
			.withMessageContaining("'1.a' is not a version");
		assertThatIllegalArgumentException().isThrownBy(() -> MigrationVersion.parse(""));
		assertThatIllegalArgumentException().isThrownBy(() -> MigrationVersion.parse("1..2"));
	}

	@Test
	void parsesModuleAndVersionKeys() {
		assertThat(MigrationKey.parse("events:0003")).isEqualTo(new MigrationKey("events", MigrationVersion.parse("3")));
		assertThatIllegalArgumentException().isThrownBy(() -> MigrationKey.parse("events"))
			.withMessageContaining("module:version");
	}

}
