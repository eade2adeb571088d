package org.clickhousemigrations.test;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chDB engine (ClickHouse compiled as a shared library), fetched once from the npm registry
 * with {@code npm pack} and kept in a per-user cache.
 */
final class ChdbLibrary {

	static final String VERSION = "26.7.3-stable.1";

	private static final Logger logger = LoggerFactory.getLogger(ChdbLibrary.class);

	private static final Duration HEARTBEAT = Duration.ofSeconds(5);

	private static final Object JVM_LOCK = new Object();

	private ChdbLibrary() {
	}

	/** The npm package that holds {@code libchdb.so} for this machine, or {@code null} if there is none. */
	static String packageName(String osName, String osArch) {
		String os = osName.toLowerCase(Locale.ROOT);
		boolean arm = osArch.equals("aarch64") || osArch.equals("arm64");
		boolean x64 = osArch.equals("amd64") || osArch.equals("x86_64");
		if (os.contains("linux") && x64) {
			return "@chdb/lib-linux-x64-gnu";
		}
		if (os.contains("mac") && arm) {
			return "@chdb/lib-darwin-arm64";
		}
		if (os.contains("mac") && x64) {
			return "@chdb/lib-darwin-x64";
		}
		return null;
	}

	/** Where the library of {@code packageName} is cached below {@code cacheRoot}. */
	static Path cachedLibrary(Path cacheRoot, String packageName) {
		String flavour = packageName.substring(packageName.indexOf('/') + 1);
		return cacheRoot.resolve("chdb").resolve(VERSION).resolve(flavour).resolve("libchdb.so");
	}

	/**
	 * Returns the cached library, downloading it first if needed. Safe when several JVMs of one
	 * user start at once: one downloads, the others wait for it.
	 */
	static Path fetch(Path cacheRoot, String packageName, String npmCommand) throws IOException, InterruptedException {
		Path library = cachedLibrary(cacheRoot, packageName);
		if (Files.isRegularFile(library)) {
			return library;
		}
		Path dir = Files.createDirectories(library.getParent());
		synchronized (JVM_LOCK) {
			try (FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
				if (!Files.isRegularFile(library)) {
					download(packageName, npmCommand, dir, library);
				}
			}
		}
		return library;
	}

	private static void download(String packageName, String npmCommand, Path dir, Path library)
			throws IOException, InterruptedException {
		Path work = Files.createTempDirectory(dir, "download-");
		try {
			logger.info("Downloading the ClickHouse engine {}@{} (about 178 MB, done once) into {}", packageName,
					VERSION, dir);
			Path log = work.resolve("npm.log");
			run(List.of(npmCommand, "pack", packageName + "@" + VERSION, "--pack-destination", work.toString()), work,
					log, "npm pack");
			Path tarball;
			try (var files = Files.list(work)) {
				tarball = files.filter((file) -> file.toString().endsWith(".tgz"))
					.findFirst()
					.orElseThrow(() -> new IOException("npm pack left no .tgz in " + work + ": " + tail(log)));
			}
			logger.info("Downloaded {} ({} MB); unpacking libchdb.so", tarball.getFileName(),
					Files.size(tarball) / (1024 * 1024));
			run(List.of("tar", "-xzf", tarball.toString(), "-C", work.toString(), "package/libchdb.so"), work, log,
					"tar");
			Files.move(work.resolve("package/libchdb.so"), library, StandardCopyOption.ATOMIC_MOVE);
			logger.info("ClickHouse engine ready at {}", library);
		}
		finally {
			TempFiles.deleteRecursively(work);
		}
	}

	private static void run(List<String> command, Path dir, Path log, String what)
			throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
			.start();
		long started = System.nanoTime();
		while (!process.waitFor(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS)) {
			logger.info("... {} still running, {} s elapsed", what,
					TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
		}
		if (process.exitValue() != 0) {
			throw new IOException(what + " failed with exit code " + process.exitValue() + ": " + tail(log));
		}
	}

	private static java.io.File nullDevice() {
		return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
	}

	static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
		}
		catch (IOException ex) {
			return "(no output: " + ex.getMessage() + ")";
		}
	}

}
