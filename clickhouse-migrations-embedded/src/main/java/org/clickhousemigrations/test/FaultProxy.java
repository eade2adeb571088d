package org.clickhousemigrations.test;

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
 * requests and answers of migration statements (requests whose {@code query_id} is a statement
 * identity of this library: {@code chm_..._a<n>}, a Java step's reads {@code _r<n>}, writes
 * {@code _w<n>_<checksum>} and its {@code _done} marker, a backfill's chunks {@code _c<hash>}) and does
 * what it was told:
 * <ul>
 * <li>right after ClickHouse answered the k-th one, before a byte of that answer reaches the
 * client: runs an action (kill the client's process) or drops the connection, so that the answer
 * is lost; or answers an error of ClickHouse in its place, as a replicated server does when it did
 * the work but cannot confirm it ({@code KEEPER_EXCEPTION}, {@code UNKNOWN_STATUS_OF_INSERT});</li>
 * <li>instead of forwarding the k-th request: answers an error of ClickHouse, as a replicated server
 * does when it refuses a statement before running it ({@code CANNOT_ASSIGN_ALTER} and friends);</li>
 * <li>holds back requests that contain a given text (lock renewals), as a network partition would.</li>
 * </ul>
 * An error is answered as ClickHouse answers one over HTTP: status 500, the code in
 * {@code X-ClickHouse-Exception-Code}, the message in the body; the connection is then closed.
 */
public final class FaultProxy implements AutoCloseable {

	private static final Pattern QUERY_ID = Pattern.compile("[?&]query_id=([^& ]+)");

	private static final Pattern STATEMENT = Pattern.compile("chm_\\w+?_(?:a\\d+(?:_done|_r\\d+|_w\\d+_\\w+)?|c[0-9a-f]{16}|l\\d+_\\d+|lx|lm\\d+)");

	private final URI target;

	private final ServerSocket server;

	private final AtomicInteger answered = new AtomicInteger();

	private final AtomicInteger requested = new AtomicInteger();

	private final Map<Integer, ClickHouseError> refusals = new ConcurrentHashMap<>();

	private final List<String> statements = new CopyOnWriteArrayList<>();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final Map<Integer, Fault> faults = new ConcurrentHashMap<>();

	private final Map<String, Fault> byQueryId = new ConcurrentHashMap<>();

	private volatile String holdBack;

	/** A proxy in front of the ClickHouse HTTP interface at {@code target}. */
	public FaultProxy(URI target) throws IOException {
		this.target = target;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "fault-proxy-" + this.server.getLocalPort());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** The JDBC URL of {@code database} through this proxy. */
	public String jdbcUrl(String database) {
		return "jdbc:clickhouse:http://127.0.0.1:" + this.server.getLocalPort() + "/" + database;
	}

	/** Runs {@code action} right after ClickHouse answered the {@code k}th statement (from 1), instead of passing the answer on. */
	public void afterAnswer(int k, Runnable action) {
		this.faults.put(k, new Fault(action, true, null));
	}

	/**
	 * Runs {@code action} right after ClickHouse answered the first statement whose query id
	 * contains {@code part}, instead of passing the answer on.
	 */
	public void afterAnswerTo(String part, Runnable action) {
		this.byQueryId.put(part, new Fault(action, true, null));
	}

	/** Runs {@code action} right after ClickHouse answered the {@code k}th statement, then passes the answer on. */
	public void onAnswer(int k, Runnable action) {
		this.faults.put(k, new Fault(action, false, null));
	}

	/**
	 * Answers the {@code k}th statement (from 1) with an error of ClickHouse after ClickHouse ran it,
	 * in place of its real answer.
	 */
	public void errorAfterRunning(int k, int code, String name) {
		this.faults.put(k, new Fault(() -> {
		}, true, new ClickHouseError(code, name)));
	}

	/**
	 * Answers the {@code k}th statement request (from 1) with an error of ClickHouse without
	 * forwarding it: ClickHouse never sees it.
	 */
	public void refuse(int k, int code, String name) {
		this.refusals.put(k, new ClickHouseError(code, name));
	}

	/** Drops the connection right after ClickHouse answered each of these statements: their answers are lost. */
	public void loseAnswers(int... ks) {
		for (int k : ks) {
			this.faults.put(k, new Fault(() -> {
			}, true, null));
		}
	}

	/** Holds back, until {@link #heal()}, every request whose first bytes contain {@code text}. */
	public void holdBack(String text) {
		this.holdBack = text;
	}

	public void heal() {
		this.faults.clear();
		this.byQueryId.clear();
		this.refusals.clear();
		this.holdBack = null;
	}

	/** How many statements ClickHouse answered through this proxy. */
	public int answered() {
		return this.answered.get();
	}

	/** The query ids of the statements answered, in order. */
	public List<String> statements() {
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

	/** What to do after an answer, whether to drop it, and the error to answer instead ({@code null}: none). */
	private record Fault(Runnable action, boolean drop, ClickHouseError error) {
	}

	/** An error as ClickHouse answers it over HTTP. */
	private record ClickHouseError(int code, String name) {

		byte[] response() {
			byte[] body = ("Code: " + this.code + ". DB::Exception: Injected by FaultProxy as a replicated server answers. ("
					+ this.name + ") (version 26.7.3.1)\n").getBytes(StandardCharsets.UTF_8);
			String head = "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain; charset=UTF-8\r\n"
					+ "X-ClickHouse-Exception-Code: " + this.code + "\r\nConnection: close\r\nContent-Length: "
					+ body.length + "\r\n\r\n";
			byte[] response = new byte[head.length() + body.length];
			System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, response, 0, head.length());
			System.arraycopy(body, 0, response, head.length(), body.length);
			return response;
		}

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
						ClickHouseError refusal = (this.awaiting != null)
								? FaultProxy.this.refusals.get(FaultProxy.this.requested.incrementAndGet()) : null;
						if (refusal != null) {
							this.awaiting = null;
							OutputStream answer = this.client.getOutputStream();
							answer.write(refusal.response());
							answer.flush();
							return;
						}
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
						for (String part : FaultProxy.this.byQueryId.keySet()) {
							if (statement.contains(part)) {
								fault = FaultProxy.this.byQueryId.remove(part);
							}
						}
						if (fault != null) {
							fault.action().run();
							if (fault.error() != null) {
								out.write(fault.error().response());
								out.flush();
							}
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
