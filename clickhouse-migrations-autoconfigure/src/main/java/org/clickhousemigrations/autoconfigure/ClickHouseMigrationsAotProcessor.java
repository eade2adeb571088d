package org.clickhousemigrations.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.clickhousemigrations.resolve.MigrationClasses;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ByteArrayResource;

/**
 * Ahead of time (an AOT-processed application, a native image): the configured classpath
 * locations become resource hints, their Java classes (migrations, declared schemas) reflection
 * hints, and the list of those classes the {@link MigrationClasses#INDEX}, since a native image
 * cannot list class files.
 */
class ClickHouseMigrationsAotProcessor implements BeanFactoryInitializationAotProcessor {

	@Override
	public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
		if (beanFactory.getBeanNamesForType(Environment.class, false, false).length == 0) {
			return null;
		}
		Environment environment = beanFactory.getBean(Environment.class);
		List<String> locations = Binder.get(environment)
			.bind("clickhouse.migrations.locations", Bindable.listOf(String.class))
			.orElse(List.of("classpath:db/clickhouse"));
		List<String> classes = MigrationClasses.find(locations, beanFactory.getBeanClassLoader());
		return (context, code) -> {
			RuntimeHints hints = context.getRuntimeHints();
			MigrationClasses.classpathRoots(locations).forEach((root) -> hints.resources().registerPattern(root + "/**"));
			hints.resources().registerPattern(MigrationClasses.INDEX);
			for (String path : classes) {
				String className = path.substring(0, path.length() - ".class".length()).replace('/', '.');
				hints.reflection().registerType(TypeReference.of(className), MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
						MemberCategory.INVOKE_PUBLIC_METHODS, MemberCategory.ACCESS_DECLARED_FIELDS);
			}
			context.getGeneratedFiles().addResourceFile(MigrationClasses.INDEX,
					new ByteArrayResource(String.join("\n", classes).getBytes(StandardCharsets.UTF_8)));
		};
	}

}
