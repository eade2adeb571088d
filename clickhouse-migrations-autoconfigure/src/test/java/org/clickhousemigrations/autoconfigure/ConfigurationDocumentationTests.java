package org.clickhousemigrations.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every configuration key the metadata generator finds is documented in the README. */
class ConfigurationDocumentationTests {

	@Test
	void everyConfigurationKeyIsInTheReadme() throws Exception {
		String metadata = new ClassPathResource("META-INF/spring-configuration-metadata.json")
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		List<String> keys = JsonPath.read(metadata, "$.properties[*].name");
		String readme = Files.readString(Path.of("..", "README.md"));
		List<String> missing = new ArrayList<>();
		for (String key : keys) {
			if (key.startsWith("clickhouse.migrations.") && !readme.contains("`" + key)) {
				missing.add(key);
			}
		}
		assertThat(keys).contains("clickhouse.migrations.locations", "clickhouse.migrations.lock.type");
		assertThat(missing).as("keys missing from README.md").isEmpty();
	}

}
