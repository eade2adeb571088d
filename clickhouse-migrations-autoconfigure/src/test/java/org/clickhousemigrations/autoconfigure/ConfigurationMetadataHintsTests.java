package org.clickhousemigrations.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.clickhousemigrations.generate.MigrationGenerator;
import org.clickhousemigrations.history.ToolHistory;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/** IDEs offer the values of the keys a user types by hand (the commands: {@code CommandsTests}). */
class ConfigurationMetadataHintsTests {

	@Test
	void fromTemplateAndTypeOfferTheirValues() throws Exception {
		String metadata = new ClassPathResource("META-INF/spring-configuration-metadata.json")
			.getContentAsString(StandardCharsets.UTF_8);
		List<String> tools = java.util.Arrays.stream(ToolHistory.Tool.values()).map(ToolHistory.Tool::id).toList();
		assertThat(values(metadata, "clickhouse.migrations.from")).contains("schema").containsAll(tools);
		List<String> templates = java.util.Arrays.stream(MigrationGenerator.Template.values())
			.map(MigrationGenerator.Template::id)
			.toList();
		assertThat(values(metadata, "clickhouse.migrations.template")).containsExactlyInAnyOrderElementsOf(templates);
		assertThat(values(metadata, "clickhouse.migrations.type")).containsExactly("sql", "java");
	}

	private static List<String> values(String metadata, String key) {
		return JsonPath.read(metadata, "$.hints[?(@.name == '" + key + "')].values[*].value");
	}

}
