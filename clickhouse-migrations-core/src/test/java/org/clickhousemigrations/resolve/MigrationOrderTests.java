package org.clickhousemigrations.resolve;

import java.util.ArrayList;
import java.util.List;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.model.MigrationKey;
import org.clickhousemigrations.model.MigrationType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationOrderTests {

	@Test
	void defaultModuleFirstThenModulesByNameThenVersions() {
		List<String> problems = new ArrayList<>();
		List<ResolvedMigration> ordered = MigrationOrder.sort(List.of(migration("events:2"), migration("billing:1"),
				migration("events:1"), migration("default:1"), migration("events:1.10"), migration("events:1.9")),
				problems);
		assertThat(problems).isEmpty();
		assertThat(ordered).map((m) -> m.key().toString())
			.containsExactly("default:1", "billing:1", "events:1", "events:1.9", "events:1.10", "events:2");
	}

	@Test
	void repeatableMigrationsComeAfterEveryVersionedOne() {
		List<String> problems = new ArrayList<>();
		List<ResolvedMigration> ordered = MigrationOrder.sort(List.of(migration("a:R__views"), migration("b:1"),
				migration("a:1"), migration("b:R__dictionaries"), migration("default:R__x")), problems);
		assertThat(problems).isEmpty();
		assertThat(ordered).map((m) -> m.key().toString())
			.containsExactly("a:1", "b:1", "default:R__x", "a:R__views", "b:R__dictionaries");
	}

	@Test
	void dependenciesAcrossModulesComeFirst() {
		List<String> problems = new ArrayList<>();
		List<ResolvedMigration> ordered = MigrationOrder.sort(
				List.of(migration("billing:1"), migration("billing:2", "events:1"), migration("events:1"),
						migration("events:2")),
				problems);
		assertThat(ordered).map((m) -> m.key().toString())
			.containsExactly("billing:1", "events:1", "billing:2", "events:2");
	}

	@Test
	void unknownDependencyNamesTheScript() {
		List<String> problems = new ArrayList<>();
		MigrationOrder.sort(List.of(migration("billing:1", "events:7")), problems);
		assertThat(problems).singleElement()
			.asString()
			.contains("billing/V1__x.sql depends on events:7, which does not exist");
	}

	@Test
	void cyclesAreReportedWithTheirMigrations() {
		List<String> problems = new ArrayList<>();
		MigrationOrder.sort(List.of(migration("a:1", "b:2"), migration("b:1"), migration("b:2", "a:1")), problems);
		assertThat(problems).singleElement()
			.asString()
			.contains("Dependency cycle among a:1 (a/V1__x.sql), b:2 (b/V2__x.sql)");
	}

	static ResolvedMigration migration(String key, String... dependsOn) {
		MigrationKey parsed = MigrationKey.parse(key);
		return new ResolvedMigration(parsed, "x", MigrationType.SQL, parsed.module() + "/V" + parsed.version() + "__x.sql",
				"0", List.of(dependsOn).stream().map(MigrationKey::parse).toList(), List.of(MigrationStep.sql("SELECT 1")),
				null, "none");
	}

}
