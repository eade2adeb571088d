package org.clickhousemigrations.test;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Applies {@link AutoConfigureEmbeddedClickHouse} to Spring test contexts. Registered in
 * {@code META-INF/spring.factories}.
 */
class EmbeddedClickHouseContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		MergedAnnotation<AutoConfigureEmbeddedClickHouse> annotation = MergedAnnotations
			.from(testClass, SearchStrategy.TYPE_HIERARCHY)
			.get(AutoConfigureEmbeddedClickHouse.class);
		return annotation.isPresent() ? new Customizer(List.of(annotation.getStringArray("databases"))) : null;
	}

	/** Equal for equal annotations, so that Spring's context cache works as usual. */
	private record Customizer(List<String> databases) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			Map<String, Object> properties = EmbeddedClickHouseProperties.createDatabases(EmbeddedClickHouse.shared(),
					this.databases);
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("embeddedClickHouse", properties));
		}

	}

}
