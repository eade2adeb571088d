package org.clickhousemigrations.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedClickHouse.class);

	private static final int PORT_ATTEMPTS = 5;

	private static volatile Engine engine;

	private static EmbeddedClickHouse shared;

	private final URI httpBase;

	private final String username;

	private final String password;

	private final Process process;

	private final Path directory;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private Thread shutdownHook;

	private EmbeddedClickHouse(URI httpBase, String username, String password, Process process, Path directory) {
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
		stop(this.process);
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

	@Override
	public String toString() {
		return "EmbeddedClickHouse[" + this.httpBase + ((this.process != null) ? ", pid " + this.process.pid() : "")
				+ "]";
	}

	private static void stop(Process process) {
		try {
			// End of file on its standard input ends the server's query, and so the server.
			process.getOutputStream().close();
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (IOException ex) {
			process.destroyForcibly();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
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

		/** Turns on {@code system.query_log}, flushed every 100 ms. */
		public Builder queryLog() {
			return config("""
					<query_log>
					    <database>system</database>
					    <table>query_log</table>
					    <flush_interval_milliseconds>100</flush_interval_milliseconds>
					</query_log>""");
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
				return startLocal(local);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start ClickHouse (" + local.description() + ")", ex);
			}
		}

		private EmbeddedClickHouse startLocal(Engine.Local local) throws IOException {
			IOException lastFailure = null;
			for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
				Path directory = InstanceDirectory.create();
				try {
					return startOnce(local, directory);
				}
				catch (PortTakenException ex) {
					// Another process took the free port between our check and the server's bind.
					lastFailure = ex;
					TempFiles.deleteRecursively(directory);
				}
				catch (IOException | RuntimeException ex) {
					TempFiles.deleteRecursively(directory);
					throw ex;
				}
			}
			throw lastFailure;
		}

		private EmbeddedClickHouse startOnce(Engine.Local local, Path directory) throws IOException {
			long started = System.nanoTime();
			Path data = Files.createDirectories(directory.resolve("data"));
			Path log = directory.resolve("server.log");
			int httpPort = freePort();
			List<String> options = new ArrayList<>();
			for (Map.Entry<String, String> file : this.files.entrySet()) {
				Files.writeString(directory.resolve(file.getKey()), file.getValue());
			}
			List<String> configElements = new ArrayList<>(this.configElements);
			if (!this.users.isEmpty()) {
				Files.writeString(directory.resolve("users.xml"), usersXml());
				configElements.add("<users_config>users.xml</users_config>");
			}
			Path config = directory.resolve("config.xml");
			// Idle keep-alive connections of the owner would otherwise hold up shutdown by five seconds,
			// after which ClickHouse exits forcibly and leaves its data folder behind.
			Files.writeString(config, "<clickhouse>\n<shutdown_wait_unfinished>0</shutdown_wait_unfinished>\n"
					+ String.join("\n", configElements) + "\n</clickhouse>\n");
			options.add("--config-file=" + config);
			options.add("--path=" + data + "/");
			options.add("--http_port=" + httpPort);
			options.add("--tcp_port=" + freePort());
			options.add("--listen_host=127.0.0.1");
			options.add("--query");
			// The query reads standard input until end of file: the server lives as long as its owner.
			options.add("SYSTEM START LISTEN HTTP; SELECT count() FROM file('/dev/stdin', LineAsString)");
			Process process = new ProcessBuilder(local.command(options)).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			URI httpBase = URI.create("http://127.0.0.1:" + httpPort);
			EmbeddedClickHouse server = new EmbeddedClickHouse(httpBase, "default", "", process, directory);
			try {
				server.awaitReady(this.startTimeout, log);
			}
			catch (IOException | RuntimeException ex) {
				stop(process);
				throw ex;
			}
			server.shutdownHook = new Thread(server::close, "embedded-clickhouse-stop-" + httpPort);
			Runtime.getRuntime().addShutdownHook(server.shutdownHook);
			logger.info("ClickHouse ready at {} in {} ms ({})", httpBase,
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), local.description());
			return server;
		}

		private String usersXml() {
			return """
					<clickhouse>
					  <profiles><default/><readonly><readonly>1</readonly></readonly></profiles>
					  <quotas><default/></quotas>
					  <users>
					    <default><password></password><profile>default</profile><quota>default</quota>
					      <networks><ip>::/0</ip></networks><access_management>1</access_management></default>
					    %s
					  </users>
					</clickhouse>
					""".formatted(String.join("\n", this.users.values()));
		}

		private static int freePort() throws IOException {
			try (ServerSocket socket = new ServerSocket(0)) {
				socket.setReuseAddress(true);
				return socket.getLocalPort();
			}
		}

	}

	private void awaitReady(Duration timeout, Path log) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		HttpRequest ping = HttpRequest.newBuilder(this.httpBase.resolve("/ping")).timeout(Duration.ofSeconds(2)).build();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				String output = ChdbLibrary.tail(log);
				if (output.contains("Address already in use")) {
					throw new PortTakenException(output);
				}
				throw new IOException("ClickHouse exited with code " + this.process.exitValue() + " before it was ready:\n"
						+ output);
			}
			try {
				if (this.http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted while waiting for ClickHouse", ex);
			}
			sleep(10);
		}
		throw new IOException("ClickHouse did not answer on " + this.httpBase + " within " + timeout.toSeconds()
				+ " s:\n" + ChdbLibrary.tail(log));
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static final class PortTakenException extends IOException {

		PortTakenException(String message) {
			super(message);
		}

	}

}
