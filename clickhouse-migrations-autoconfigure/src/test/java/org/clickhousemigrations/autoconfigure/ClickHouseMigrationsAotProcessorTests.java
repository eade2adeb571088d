package org.clickhousemigrations.autoconfigure;

import org.clickhousemigrations.resolve.MigrationClasses;
import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationCode;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.javapoet.ClassName;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/** Ahead of time, the configured locations and their Java classes get hints, and the classes an index. */
class ClickHouseMigrationsAotProcessorTests {

	@Test
	void configuredLocationsTheirJavaMigrationsAndTheirIndexAreContributed() throws Exception {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton("environment",
				new MockEnvironment().withProperty("clickhouse.migrations.locations", "classpath:db/it/shop"));
		BeanFactoryInitializationAotContribution contribution = new ClickHouseMigrationsAotProcessor()
			.processAheadOfTime(beanFactory);
		InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
		DefaultGenerationContext context = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get("com.example", "App")), files);
		contribution.applyTo(context, mock(BeanFactoryInitializationCode.class));
		RuntimeHints hints = context.getRuntimeHints();
		assertThat(RuntimeHintsPredicates.resource().forResource("db/it/shop/events/V0001__create_events.sql"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of("db.it.shop.events.V0002__AddUserId")))
			.accepts(hints);
		assertThat(files.getGeneratedFileContent(Kind.RESOURCE, MigrationClasses.INDEX))
			.contains("db/it/shop/events/V0002__AddUserId.class");
	}

}
