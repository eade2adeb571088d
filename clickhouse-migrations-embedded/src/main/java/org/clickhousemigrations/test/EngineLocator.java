package org.clickhousemigrations.test;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import com.sun.jna.Native;

/**
 * Finds a ClickHouse to test against, in this order: an explicit URL ({@code CLICKHOUSE_URL}, as a
 * system property or environment variable), a {@code clickhouse} binary on the {@code PATH}, a
 * Testcontainers container (when its ClickHouse module is on the class path and Docker runs),
 * then the chDB engine fetched once with {@code npm pack} into a per-user cache. An explicit
 * {@code CLICKHOUSE_ENGINE} ({@code url}, {@code binary}, {@code testcontainers} or {@code chdb})
 * wins, and fails with its reason when that engine is not there.
 */
final class EngineLocator {

	static final String URL_VARIABLE = "CLICKHOUSE_URL";

	static final String ENGINE_VARIABLE = "CLICKHOUSE_ENGINE";

	private final UnaryOperator<String> settings;

	private final String npmCommand;

	private final String osName;

	private final String osArch;

	private final ContainerEngine containers;

	EngineLocator(UnaryOperator<String> settings, String npmCommand, String osName, String osArch,
			ContainerEngine containers) {
		this.settings = settings;
		this.npmCommand = npmCommand;
		this.osName = osName;
		this.osArch = osArch;
		this.containers = containers;
	}

	/** A locator that reads system properties first, then the environment. */
	static EngineLocator fromEnvironment() {
		UnaryOperator<String> settings = (name) -> {
			String value = System.getProperty(name);
			return (value != null) ? value : System.getenv(name);
		};
		return new EngineLocator(settings, "npm", System.getProperty("os.name"), System.getProperty("os.arch"),
				new TestcontainersEngine(settings));
	}

	Engine locate() {
		String choice = setting(ENGINE_VARIABLE);
		if (choice != null) {
			return chosen(choice.toLowerCase(Locale.ROOT));
		}
		String url = setting(URL_VARIABLE);
		if (url != null) {
			return external(url);
		}
		Path binary = findOnPath("clickhouse");
		if (binary != null) {
			return binary(binary);
		}
		if (this.containers.unavailable() == null) {
			return this.containers.start();
		}
		return chdb();
	}

	private Engine chosen(String choice) {
		switch (choice) {
			case "url" -> {
				String url = setting(URL_VARIABLE);
				if (url == null) {
					throw new IllegalStateException(ENGINE_VARIABLE + "=url needs " + URL_VARIABLE);
				}
				return external(url);
			}
			case "binary" -> {
				Path binary = findOnPath("clickhouse");
				if (binary == null) {
					throw new IllegalStateException(ENGINE_VARIABLE + "=binary, but there is no 'clickhouse' on the PATH");
				}
				return binary(binary);
			}
			case "testcontainers" -> {
				String problem = this.containers.unavailable();
				if (problem != null) {
					throw new IllegalStateException(ENGINE_VARIABLE + "=testcontainers, but " + problem);
				}
				return this.containers.start();
			}
			case "chdb" -> {
				return chdb();
			}
			default -> throw new IllegalStateException(ENGINE_VARIABLE + "=" + choice
					+ " is not an engine; use url, binary, testcontainers or chdb");
		}
	}

	private Engine external(String url) {
		return new Engine.External(httpBase(url), setting("CLICKHOUSE_USER"), setting("CLICKHOUSE_PASSWORD"));
	}

	private static Engine binary(Path binary) {
		return new Engine.Local(List.of(binary.toString(), "local"), false, "clickhouse binary " + binary);
	}

	private Engine chdb() {
		String problem = chdbProblem();
		if (problem == null) {
			try {
				Path library = ChdbLibrary.fetch(cacheRoot(), ChdbLibrary.packageName(this.osName, this.osArch),
						this.npmCommand);
				return new Engine.Local(chdbCommand(library), true, "chDB " + ChdbLibrary.VERSION + " at " + library);
			}
			catch (IOException ex) {
				problem = "fetching the chDB engine failed: " + ex.getMessage();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				problem = "fetching the chDB engine was interrupted";
			}
		}
		throw new IllegalStateException("""
				No ClickHouse to run against: %s.
				Use one of:
				  1. an existing server: set %s (system property or environment variable), \
				e.g. http://localhost:8123, with CLICKHOUSE_USER / CLICKHOUSE_PASSWORD if needed;
				  2. a ClickHouse binary: put 'clickhouse' on the PATH;
				  3. a container: add org.testcontainers:testcontainers-clickhouse and run Docker;
				  4. the embedded chDB engine: install npm (it fetches %s@%s once, about 178 MB, into %s)."""
			.formatted(problem, URL_VARIABLE, String.valueOf(ChdbLibrary.packageName(this.osName, this.osArch)),
					ChdbLibrary.VERSION, cacheRoot()));
	}

	private String chdbProblem() {
		if (ChdbLibrary.packageName(this.osName, this.osArch) == null) {
			return "chDB has no engine for " + this.osName + "/" + this.osArch;
		}
		if (Files.isRegularFile(
				ChdbLibrary.cachedLibrary(cacheRoot(), ChdbLibrary.packageName(this.osName, this.osArch)))) {
			return null;
		}
		return (findOnPath(this.npmCommand) != null) ? null
				: "no 'clickhouse' binary and no '" + this.npmCommand + "' on the PATH, and chDB is not cached yet";
	}

	Path cacheRoot() {
		String explicit = setting("CLICKHOUSE_MIGRATIONS_CACHE");
		if (explicit != null) {
			return Path.of(explicit);
		}
		String xdg = setting("XDG_CACHE_HOME");
		Path base = (xdg != null) ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
		return base.resolve("clickhouse-migrations");
	}

	private Path findOnPath(String command) {
		String path = setting("PATH");
		if (path == null) {
			return null;
		}
		for (String dir : path.split(File.pathSeparator)) {
			if (!dir.isEmpty()) {
				Path candidate = Path.of(dir, command);
				if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		return null;
	}

	private String setting(String name) {
		String value = this.settings.apply(name);
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	private static List<String> chdbCommand(Path library) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// A small JVM: the engine's memory is native, the Java side only makes one call.
		command.addAll(List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss4m"));
		command.add("-cp");
		command.add(codeSource(Native.class) + File.pathSeparator + codeSource(ChdbServerMain.class));
		command.add(ChdbServerMain.class.getName());
		command.add(library.toString());
		return command;
	}

	private static String codeSource(Class<?> type) {
		try {
			return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
		}
		catch (URISyntaxException | RuntimeException ex) {
			throw new IllegalStateException("Cannot find the file that holds " + type.getName()
					+ "; run the tests from a plain class path (not a packaged application jar)", ex);
		}
	}

	static URI httpBase(String url) {
		String value = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
		if (value.startsWith("clickhouse:")) {
			value = value.substring("clickhouse:".length());
		}
		if (value.startsWith("//")) {
			value = "http:" + value;
		}
		URI uri = URI.create(value);
		String scheme = (uri.getScheme() == null || uri.getScheme().equals("http")) ? "http" : uri.getScheme();
		int port = (uri.getPort() != -1) ? uri.getPort() : (scheme.equals("https") ? 8443 : 8123);
		return URI.create(scheme + "://" + uri.getHost() + ":" + port);
	}

}
