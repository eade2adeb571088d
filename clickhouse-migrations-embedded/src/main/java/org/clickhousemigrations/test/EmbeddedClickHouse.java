package org.clickhousemigrations.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * A real ClickHouse server for tests and local runs, without Docker.
 * <p>
 * Where the server comes from is decided once per JVM: a running server named by
 * {@code CLICKHOUSE_URL}; else a {@code clickhouse} binary on the {@code PATH}; else chDB, the
 * ClickHouse engine as a shared library, fetched once with {@code npm pack} into
 * {@code ~/.cache/clickhouse-migrations}. A started server gets free ports and its own temporary
 * folder, deleted on {@link #close()}, and it stops by itself when the JVM that started it dies,
 * however it dies (the folder of a killed owner is removed by the next start). Many instances may
 * run at once.
 *
 * <pre>{@code
 * try (EmbeddedClickHouse clickHouse = EmbeddedClickHouse.start()) {
 *     DataSource dataSource = ...(clickHouse.jdbcUrl());
 * }
 * }</pre>
 */
public final class EmbeddedClickHouse implements AutoCloseable {

	private static volatile Engine engine;

	private static EmbeddedClickHouse shared;

	private final URI httpBase;

	private final String username;

	private final String password;

	private final Process process;

	private final Path directory;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private Thread shutdownHook;

	EmbeddedClickHouse(URI httpBase, String username, String password, Process process, Path directory) {
		this.httpBase = httpBase;
		this.username = username;
		this.password = password;
		this.process = process;
		this.directory = directory;
	}

	/** Starts a server with default settings. */
	public static EmbeddedClickHouse start() {
		return builder().start();
	}

	/** A builder for a server with its own configuration (users, query log, Keeper, ...). */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The one server that this JVM's tests share, started on first use and stopped when the JVM
	 * exits. Tests that share it should each use databases of their own ({@link #createDatabase}).
	 */
	public static synchronized EmbeddedClickHouse shared() {
		if (shared == null) {
			shared = start();
		}
		return shared;
	}

	/** The JDBC URL of the {@code default} database. */
	public String jdbcUrl() {
		return jdbcUrl("default");
	}

	/** The JDBC URL of the given database; credentials are not part of it (see {@link #username()}). */
	public String jdbcUrl(String database) {
		return "jdbc:clickhouse:" + this.httpBase + "/" + database;
	}

	/** The HTTP interface, e.g. {@code http://127.0.0.1:40123}. */
	public URI httpUrl() {
		return this.httpBase;
	}

	public int httpPort() {
		return this.httpBase.getPort();
	}

	/** The user to connect as ({@code default} on a started server). */
	public String username() {
		return this.username;
	}

	/** The password of {@link #username()}; empty on a started server. */
	public String password() {
		return this.password;
	}

	/** The process id of the server we started; empty for a server named by {@code CLICKHOUSE_URL}. */
	public OptionalLong pid() {
		return (this.process != null) ? OptionalLong.of(this.process.pid()) : OptionalLong.empty();
	}

	/** The temporary folder of a started server (data, configuration, log); {@code null} otherwise. */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Runs one statement over HTTP and returns its result as tab-separated text.
	 * @throws IllegalStateException with ClickHouse's message if the statement fails
	 */
	public String query(String sql) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.httpBase.resolve("/"))
			.timeout(Duration.ofMinutes(2))
			.POST(HttpRequest.BodyPublishers.ofString(sql));
		if (this.username != null) {
			request.header("X-ClickHouse-User", this.username);
		}
		if (this.password != null && !this.password.isEmpty()) {
			request.header("X-ClickHouse-Key", this.password);
		}
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("ClickHouse refused '" + sql + "': " + response.body().trim());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("ClickHouse at " + this.httpBase + " did not answer", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while querying ClickHouse", ex);
		}
	}

	/** Creates a database with a fresh name that starts with {@code prefix}, and returns that name. */
	public String createDatabase(String prefix) {
		String name = prefix.replaceAll("[^A-Za-z0-9_]", "_") + "_"
				+ UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		query("CREATE DATABASE " + name);
		return name;
	}

	/** Stops a started server and deletes its folder; does nothing for a server we did not start. */
	@Override
	public synchronized void close() {
		if (this.process == null || this.directory == null || !Files.exists(this.directory)) {
			return;
		}
		LocalServerLauncher.stop(this.process);
		TempFiles.deleteRecursively(this.directory);
		if (this.shutdownHook != null && Thread.currentThread() != this.shutdownHook) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
			}
			catch (IllegalStateException ex) {
				// The JVM is shutting down already.
			}
		}
	}

	// Stops the server when the JVM exits normally; a killed owner's server stops by itself.
	void stopOnExit() {
		this.shutdownHook = new Thread(this::close, "embedded-clickhouse-stop-" + httpPort());
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	@Override
	public String toString() {
		return "EmbeddedClickHouse[" + this.httpBase + ((this.process != null) ? ", pid " + this.process.pid() : "")
				+ "]";
	}

	static Engine defaultEngine() {
		if (engine == null) {
			synchronized (EmbeddedClickHouse.class) {
				if (engine == null) {
					engine = EngineLocator.fromEnvironment().locate();
				}
			}
		}
		return engine;
	}

	/** Options of a server to start. */
	public static final class Builder {

		private final List<String> configElements = new ArrayList<>();

		private final Map<String, String> files = new LinkedHashMap<>();

		private final Map<String, String> users = new LinkedHashMap<>();

		private Duration startTimeout = Duration.ofSeconds(60);

		private Engine engine;

		private Builder() {
		}

		/**
		 * Adds XML elements to the server's configuration file, inside {@code <clickhouse>}, for
		 * example {@code <users_config>users.xml</users_config>}.
		 */
		public Builder config(String xmlElements) {
			this.configElements.add(xmlElements);
			return this;
		}

		/** Writes a file beside the configuration file, e.g. the {@code users.xml} it names. */
		public Builder file(String name, String content) {
			this.files.put(name, content);
			return this;
		}

		/**
		 * Adds a user with a password, read-only or not. With any user added, the built-in
		 * {@code default} user stays, without password and with access management.
		 */
		public Builder user(String name, String password, boolean readonly) {
			this.users.put(name, "<" + name + "><password>" + password + "</password><profile>"
					+ (readonly ? "readonly" : "default") + "</profile><quota>default</quota>"
					+ "<networks><ip>::/0</ip></networks></" + name + ">");
			return this;
		}

		/** How long to wait for the server to answer; one minute unless set. */
		public Builder startTimeout(Duration startTimeout) {
			this.startTimeout = startTimeout;
			return this;
		}

		Builder engine(Engine engine) {
			this.engine = engine;
			return this;
		}

		/** Starts the server, or connects to the one named by {@code CLICKHOUSE_URL}. */
		public EmbeddedClickHouse start() {
			Engine chosen = (this.engine != null) ? this.engine : defaultEngine();
			if (chosen instanceof Engine.External external) {
				if (!this.configElements.isEmpty() || !this.files.isEmpty() || !this.users.isEmpty()) {
					throw new IllegalStateException("This test configures the ClickHouse server, so it needs one that "
							+ "it starts itself; unset " + EngineLocator.URL_VARIABLE);
				}
				return new EmbeddedClickHouse(external.httpBase(),
						(external.username() != null) ? external.username() : "default",
						(external.password() != null) ? external.password() : "", null, null);
			}
			Engine.Local local = (Engine.Local) chosen;
			try {
				return LocalServerLauncher.start(local, this.configElements, this.files, this.users.values(),
						this.startTimeout);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start ClickHouse (" + local.description() + ")", ex);
			}
		}

	}

}
