package org.clickhousemigrations.sql;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PlaceholdersTests {

	private final Placeholders placeholders = Placeholders.of("analytics", "main", "ON CLUSTER `main`",
			Map.of("ttl", "30", "table", "global"), Map.of("table", "local"), Set.of());

	@Test
	void resolvesBuiltInsGlobalAndPerDatabaseValues() {
		assertThat(this.placeholders.resolve("CREATE TABLE ${database}.${table} ${on_cluster} TTL ${ttl} ${cluster}"))
			.isEqualTo("CREATE TABLE analytics.local ON CLUSTER `main` TTL 30 main");
	}

	@Test
	void replacementTextIsTakenLiterally() {
		assertThat(Placeholders.of("a$1\\b", null, "", Map.of(), Map.of(), Set.of()).resolve("${database}"))
			.isEqualTo("a$1\\b");
	}

	@Test
	void unknownPlaceholderSaysHowToDefineIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.placeholders.resolve("SELECT ${nope}"))
			.withMessageContaining("unknown placeholder ${nope}")
			.withMessageContaining("clickhouse.migrations.placeholders.nope");
	}

	@Test
	void secretPlaceholdersAreMaskedInWhatIsShownAndSentAsTheyAre() {
		Placeholders secret = Placeholders.of("db", null, "", Map.of("pg_password", "hunter2", "dsn", "x-dsn-x"),
				Map.of(), Set.of("dsn"));
		String sent = secret.resolve("SELECT '${pg_password}', '${dsn}', '${database}'");
		assertThat(sent).isEqualTo("SELECT 'hunter2', 'x-dsn-x', 'db'");
		assertThat(secret.secrets().mask(sent)).isEqualTo("SELECT '******', '******', 'db'");
	}

}
