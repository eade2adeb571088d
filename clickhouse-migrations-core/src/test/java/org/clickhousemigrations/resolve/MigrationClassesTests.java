package org.clickhousemigrations.resolve;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.clickhousemigrations.ResolvedMigration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Where class files cannot be listed (a native image), Java migrations are found through the index. */
class MigrationClassesTests {

	@Test
	void classesBelowAClasspathLocationAreFound() {
		assertThat(MigrationClasses.find(List.of("classpath:db/indexed", "filesystem:/nowhere"),
				getClass().getClassLoader())).containsExactly("db/indexed/V1__Indexed.class");
		assertThat(MigrationClasses.classpathRoots(List.of("classpath:db/indexed/", "filesystem:/x", "db/other")))
			.containsExactly("db/indexed", "db/other");
	}

	@Test
	void withoutClassFilesTheIndexNamesTheJavaMigrations(@TempDir Path folder) throws IOException {
		Path index = folder.resolve("classes.idx");
		Files.writeString(index, "db/indexed/V1__Indexed.class\ndb/elsewhere/V1__Other.class\n");
		ClassLoader nativeLike = new ClassLoader(getClass().getClassLoader()) {

			// Lists no class file, as a native image does; serves the index written ahead of time.
			@Override
			public Enumeration<URL> getResources(String name) throws IOException {
				if (name.equals(MigrationClasses.INDEX)) {
					return Collections.enumeration(List.of(index.toUri().toURL()));
				}
				return name.startsWith("db/indexed") ? Collections.emptyEnumeration() : super.getResources(name);
			}

			@Override
			public URL getResource(String name) {
				return name.startsWith("db/indexed") ? null : super.getResource(name);
			}

		};
		List<ResolvedMigration> found = new MigrationResolver(List.of("classpath:db/indexed"), nativeLike,
				JavaMigrationFactory.REFLECTION).resolve();
		assertThat(found).extracting((migration) -> migration.key().toString()).containsExactly("default:1");
		assertThat(found.get(0).script()).isEqualTo("db.indexed.V1__Indexed");
	}

}
