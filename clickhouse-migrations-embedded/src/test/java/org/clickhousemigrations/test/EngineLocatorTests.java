package org.clickhousemigrations.test;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EngineLocatorTests {

	private static final Engine.External CONTAINER = new Engine.External(URI.create("http://container:32768"), "default",
			"");

	private static final ContainerEngine NO_DOCKER = new ContainerEngine() {

		@Override
		public String unavailable() {
			return "Docker is not running";
		}

		@Override
		public Engine.External start() {
			throw new AssertionError("no container can start");
		}

	};

	private static final ContainerEngine DOCKER = new ContainerEngine() {

		@Override
		public String unavailable() {
			return null;
		}

		@Override
		public Engine.External start() {
			return CONTAINER;
		}

	};

	@TempDir
	Path cache;

	@Test
	void explicitUrlWinsOverEverythingElse() {
		EngineLocator locator = locator(Map.of("CLICKHOUSE_URL", "http://ch.example:8124", "CLICKHOUSE_USER", "app",
				"PATH", "/usr/bin:/bin"));
		assertThat(locator.locate()).isEqualTo(new Engine.External(URI.create("http://ch.example:8124"), "app", null));
	}

	@Test
	void aContainerComesAfterUrlAndBinaryAndBeforeChdb() {
		assertThat(locator(Map.of("PATH", this.cache.toString()), DOCKER).locate()).isEqualTo(CONTAINER);
		assertThat(locator(Map.of("PATH", this.cache.toString(), "CLICKHOUSE_URL", "http://ch:8123"), DOCKER).locate())
			.isEqualTo(new Engine.External(URI.create("http://ch:8123"), null, null));
	}

	@Test
	void anExplicitEngineWinsOrSaysWhyItCannot() {
		assertThat(locator(Map.of("CLICKHOUSE_ENGINE", "Testcontainers", "CLICKHOUSE_URL", "http://ch:8123"), DOCKER)
			.locate()).isEqualTo(CONTAINER);
		assertThatIllegalStateException()
			.isThrownBy(() -> locator(Map.of("CLICKHOUSE_ENGINE", "testcontainers"), NO_DOCKER).locate())
			.withMessage("CLICKHOUSE_ENGINE=testcontainers, but Docker is not running");
		assertThatIllegalStateException()
			.isThrownBy(() -> locator(Map.of("CLICKHOUSE_ENGINE", "binary", "PATH", this.cache.toString())).locate())
			.withMessage("CLICKHOUSE_ENGINE=binary, but there is no 'clickhouse' on the PATH");
		assertThatIllegalStateException().isThrownBy(() -> locator(Map.of("CLICKHOUSE_ENGINE", "docker")).locate())
			.withMessage("CLICKHOUSE_ENGINE=docker is not an engine; use url, binary, testcontainers or chdb");
	}

	@Test
	void jdbcUrlsAreAcceptedAsExplicitUrl() {
		assertThat(EngineLocator.httpBase("jdbc:clickhouse://db:8123/events")).isEqualTo(URI.create("http://db:8123"));
		assertThat(EngineLocator.httpBase("jdbc:clickhouse:https://db/events")).isEqualTo(URI.create("https://db:8443"));
		assertThat(EngineLocator.httpBase("http://localhost")).isEqualTo(URI.create("http://localhost:8123"));
	}

	@Test
	void noEngineGivesAnErrorThatNamesAllThreeWays() {
		EngineLocator locator = locator(Map.of("PATH", this.cache.toString()));
		assertThatIllegalStateException().isThrownBy(locator::locate)
			.withMessageContaining("no 'clickhouse' binary and no 'npm-missing' on the PATH")
			.withMessageContaining("CLICKHOUSE_URL")
			.withMessageContaining("put 'clickhouse' on the PATH")
			.withMessageContaining("install npm");
	}

	@Test
	void unsupportedPlatformIsNamedInTheError() {
		EngineLocator locator = new EngineLocator((name) -> Map.of("PATH", "").get(name), "npm", "Windows 11", "amd64",
				NO_DOCKER);
		assertThatIllegalStateException().isThrownBy(locator::locate)
			.withMessageContaining("chDB has no engine for Windows 11/amd64");
	}

	@Test
	void cacheFollowsXdgCacheHome() {
		EngineLocator locator = new EngineLocator((name) -> Map.of("XDG_CACHE_HOME", "/x/cache").get(name), "npm",
				"Linux", "amd64", NO_DOCKER);
		assertThat(locator.cacheRoot()).isEqualTo(Path.of("/x/cache/clickhouse-migrations"));
		assertThat(ChdbLibrary.cachedLibrary(locator.cacheRoot(), "@chdb/lib-linux-x64-gnu"))
			.isEqualTo(Path.of("/x/cache/clickhouse-migrations/chdb/" + ChdbLibrary.VERSION
					+ "/lib-linux-x64-gnu/libchdb.so"));
	}

	@Test
	void choosesThePackageForThePlatform() {
		assertThat(ChdbLibrary.packageName("Linux", "amd64")).isEqualTo("@chdb/lib-linux-x64-gnu");
		assertThat(ChdbLibrary.packageName("Mac OS X", "aarch64")).isEqualTo("@chdb/lib-darwin-arm64");
		assertThat(ChdbLibrary.packageName("Mac OS X", "x86_64")).isEqualTo("@chdb/lib-darwin-x64");
		assertThat(ChdbLibrary.packageName("Linux", "aarch64")).isNull();
	}

	private EngineLocator locator(Map<String, String> settings) {
		return locator(settings, NO_DOCKER);
	}

	private EngineLocator locator(Map<String, String> settings, ContainerEngine containers) {
		Map<String, String> all = new HashMap<>(Map.of("CLICKHOUSE_MIGRATIONS_CACHE", this.cache.toString()));
		all.putAll(settings);
		return new EngineLocator(all::get, "npm-missing", "Linux", "amd64", containers);
	}

}
