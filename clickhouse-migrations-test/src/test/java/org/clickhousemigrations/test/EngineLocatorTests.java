package org.clickhousemigrations.test;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EngineLocatorTests {

	@TempDir
	Path cache;

	@Test
	void explicitUrlWinsOverEverythingElse() {
		EngineLocator locator = locator(Map.of("CLICKHOUSE_URL", "http://ch.example:8124", "CLICKHOUSE_USER", "app",
				"PATH", "/usr/bin:/bin"));
		assertThat(locator.locate()).isEqualTo(new Engine.External(URI.create("http://ch.example:8124"), "app", null));
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
		EngineLocator locator = new EngineLocator((name) -> Map.of("PATH", "").get(name), "npm", "Windows 11", "amd64");
		assertThatIllegalStateException().isThrownBy(locator::locate)
			.withMessageContaining("chDB has no engine for Windows 11/amd64");
	}

	@Test
	void cacheFollowsXdgCacheHome() {
		EngineLocator locator = new EngineLocator((name) -> Map.of("XDG_CACHE_HOME", "/x/cache").get(name), "npm",
				"Linux", "amd64");
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
		Map<String, String> all = new java.util.HashMap<>(settings);
		all.put("CLICKHOUSE_MIGRATIONS_CACHE", this.cache.toString());
		return new EngineLocator(all::get, "npm-missing", "Linux", "amd64");
	}

}
