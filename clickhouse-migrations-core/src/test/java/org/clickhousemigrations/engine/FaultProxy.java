package org.clickhousemigrations.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy in front of ClickHouse's HTTP port that breaks things on purpose. It counts the
 * answers to migration statements (requests whose {@code query_id} is a statement identity of this
 * library: {@code chm_..._a<n>}, a Java step's statements {@code _j<n>} and its {@code _done} marker) and, right after
 * ClickHouse answered the k-th one, before a byte of that answer reaches the client, does what it
 * was told: runs an action (kill the client's process) or drops the connection, so that the
 * answer is lost. It can also hold back requests that contain a given text (lock renewals), as a
 * network partition would.
 */
final class FaultProxy implements AutoCloseable {

	private static final Pattern QUERY_ID = Pattern.compile("[?&]query_id=([^& ]+)");

	private static final Pattern STATEMENT = Pattern.compile("chm_\\w+?_a\\d+(?:_done|_j\\d+)?");

	private final URI target;

	private final ServerSocket server;

	private final AtomicInteger answered = new AtomicInteger();

	private final List<String> statements = new CopyOnWriteArrayList<>();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final Map<Integer, Fault> faults = new ConcurrentHashMap<>();

	private volatile String holdBack;

	FaultProxy(URI target) throws IOException {
		this.target = target;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "fault-proxy-" + this.server.getLocalPort());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** The JDBC URL of {@code database} through this proxy. */
	String jdbcUrl(String database) {
		return "jdbc:clickhouse:http://127.0.0.1:" + this.server.getLocalPort() + "/" + database;
	}

	/** Runs {@code action} right after ClickHouse answered the {@code k}th statement (from 1), instead of passing the answer on. */
	void afterAnswer(int k, Runnable action) {
		this.faults.put(k, new Fault(action, true));
	}

	/** Runs {@code action} right after ClickHouse answered the {@code k}th statement, then passes the answer on. */
	void onAnswer(int k, Runnable action) {
		this.faults.put(k, new Fault(action, false));
	}

	/** Drops the connection right after ClickHouse answered each of these statements: their answers are lost. */
	void loseAnswers(int... ks) {
		for (int k : ks) {
			this.faults.put(k, new Fault(() -> {
			}, true));
		}
	}

	/** Holds back, until {@link #heal()}, every request whose first bytes contain {@code text}. */
	void holdBack(String text) {
		this.holdBack = text;
	}

	void heal() {
		this.faults.clear();
		this.holdBack = null;
	}

	/** How many statements ClickHouse answered through this proxy. */
	int answered() {
		return this.answered.get();
	}

	/** The query ids of the statements answered, in order. */
	List<String> statements() {
		return List.copyOf(this.statements);
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket upstream = new Socket(this.target.getHost(), this.target.getPort());
				this.sockets.add(client);
				this.sockets.add(upstream);
				Connection connection = new Connection(client, upstream);
				start(connection::requests, "requests");
				start(connection::answers, "answers");
			}
			catch (IOException ex) {
				// Closed.
			}
		}
	}

	private static void start(Runnable pump, String name) {
		Thread thread = new Thread(pump, "fault-proxy-" + name);
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

	/** What to do after an answer, and whether to drop it. */
	private record Fault(Runnable action, boolean drop) {
	}

	/** One client connection and its upstream twin; HTTP/1.1 without pipelining: a request, then its answer. */
	private final class Connection {

		private final Socket client;

		private final Socket upstream;

		// The query id of the statement whose answer is awaited, if any.
		private volatile String awaiting;

		Connection(Socket client, Socket upstream) {
			this.client = client;
			this.upstream = upstream;
		}

		void requests() {
			byte[] buffer = new byte[65536];
			try (InputStream in = this.client.getInputStream(); OutputStream out = this.upstream.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) != -1) {
					String text = new String(buffer, 0, Math.min(read, 4096), StandardCharsets.ISO_8859_1);
					if (text.startsWith("POST ") || text.startsWith("GET ")) {
						Matcher id = QUERY_ID.matcher(text.substring(0, Math.max(0, text.indexOf('\n'))));
						this.awaiting = (id.find() && STATEMENT.matcher(id.group(1)).matches()) ? id.group(1) : null;
						while (FaultProxy.this.holdBack != null && text.contains(FaultProxy.this.holdBack)) {
							Thread.sleep(50);
						}
					}
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException | InterruptedException ex) {
				// The other side closed.
			}
			finally {
				closeBoth();
			}
		}

		void answers() {
			byte[] buffer = new byte[65536];
			try (InputStream in = this.upstream.getInputStream(); OutputStream out = this.client.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) != -1) {
					String statement = this.awaiting;
					if (statement != null) {
						this.awaiting = null;
						FaultProxy.this.statements.add(statement);
						Fault fault = FaultProxy.this.faults.get(FaultProxy.this.answered.incrementAndGet());
						if (fault != null) {
							fault.action().run();
							if (fault.drop()) {
								closeBoth();
								return;
							}
						}
					}
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// The other side closed.
			}
			finally {
				closeBoth();
			}
		}

		private void closeBoth() {
			try {
				this.client.close();
				this.upstream.close();
			}
			catch (IOException ex) {
				// Closed already.
			}
		}

	}

}
