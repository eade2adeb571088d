package org.clickhousemigrations.test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the ClickHouse server process of an {@link EmbeddedClickHouse}: writes its
 * configuration into a fresh folder, picks free ports (trying again when another process takes
 * one first) and waits until it answers.
 */
final class LocalServerLauncher {

	private static final Logger logger = LoggerFactory.getLogger(LocalServerLauncher.class);

	private static final int PORT_ATTEMPTS = 5;

	private static final String QUERY_LOG = "<query_log><database>system</database><table>query_log</table>"
			+ "<flush_interval_milliseconds>100</flush_interval_milliseconds></query_log>\n";

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private LocalServerLauncher() {
	}

	/**
	 * @param configElements XML elements for inside {@code <clickhouse>}
	 * @param files files to write beside the configuration file
	 * @param users {@code <users>} entries; none for the built-in {@code default} user only
	 */
	static EmbeddedClickHouse start(Engine.Local local, List<String> configElements, Map<String, String> files,
			Collection<String> users, Duration startTimeout) throws IOException {
		IOException lastFailure = null;
		for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
			Path directory = InstanceDirectory.create();
			try {
				return startOnce(local, directory, configElements, files, users, startTimeout);
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

	/** Stops the server: end of file on its standard input, then force after ten seconds. */
	static void stop(Process process) {
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

	private static EmbeddedClickHouse startOnce(Engine.Local local, Path directory, List<String> extraConfig,
			Map<String, String> files, Collection<String> users, Duration startTimeout) throws IOException {
		long started = System.nanoTime();
		Path data = Files.createDirectories(directory.resolve("data"));
		Path log = directory.resolve("server.log");
		int httpPort = freePort();
		for (Map.Entry<String, String> file : files.entrySet()) {
			Files.writeString(directory.resolve(file.getKey()), file.getValue());
		}
		List<String> configElements = new ArrayList<>(extraConfig);
		if (!users.isEmpty()) {
			Files.writeString(directory.resolve("users.xml"), usersXml(users));
			configElements.add("<users_config>users.xml</users_config>");
		}
		Path config = directory.resolve("config.xml");
		// Idle keep-alive connections of the owner would otherwise hold up shutdown by five seconds,
		// after which ClickHouse exits forcibly and leaves its data folder behind. The query log is on,
		// as on a ClickHouse server (the library asks it what became of a statement whose answer was
		// lost), and flushed often.
		Files.writeString(config, "<clickhouse>\n<shutdown_wait_unfinished>0</shutdown_wait_unfinished>\n"
				+ QUERY_LOG + String.join("\n", configElements) + "\n</clickhouse>\n");
		List<String> options = new ArrayList<>();
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
		try {
			awaitReady(process, httpBase, startTimeout, log);
		}
		catch (IOException | RuntimeException ex) {
			stop(process);
			throw ex;
		}
		EmbeddedClickHouse server = new EmbeddedClickHouse(httpBase, "default", "", process, directory);
		server.stopOnExit();
		logger.info("ClickHouse ready at {} in {} ms ({})", httpBase,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), local.description());
		return server;
	}

	private static String usersXml(Collection<String> users) {
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
				""".formatted(String.join("\n", users));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

	private static void awaitReady(Process process, URI httpBase, Duration timeout, Path log) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		HttpRequest ping = HttpRequest.newBuilder(httpBase.resolve("/ping")).timeout(Duration.ofSeconds(2)).build();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				String output = ChdbLibrary.tail(log);
				if (output.contains("Address already in use")) {
					throw new PortTakenException(output);
				}
				throw new IOException("ClickHouse exited with code " + process.exitValue() + " before it was ready:\n"
						+ output);
			}
			try {
				if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
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
		throw new IOException("ClickHouse did not answer on " + httpBase + " within " + timeout.toSeconds() + " s:\n"
				+ ChdbLibrary.tail(log));
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
