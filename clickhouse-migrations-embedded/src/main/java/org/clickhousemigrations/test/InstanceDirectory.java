package org.clickhousemigrations.test;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temporary folder of one started server. It names the JVM that owns it, so that folders
 * left by an owner that was killed (and so could not delete them) are removed by the next start.
 */
final class InstanceDirectory {

	static final String PREFIX = "clickhouse-migrations-";

	private static final String OWNER_FILE = "owner";

	private static final Logger logger = LoggerFactory.getLogger(InstanceDirectory.class);

	private InstanceDirectory() {
	}

	/** Creates a folder owned by this JVM, after removing those whose owner has died. */
	static Path create() throws IOException {
		Path directory = Files.createTempDirectory(PREFIX);
		removeAbandoned(directory.getParent());
		Files.writeString(directory.resolve(OWNER_FILE), owner(ProcessHandle.current()).orElseThrow());
		return directory;
	}

	static void removeAbandoned(Path tempRoot) {
		try (DirectoryStream<Path> candidates = Files.newDirectoryStream(tempRoot, PREFIX + "*")) {
			for (Path candidate : candidates) {
				Path ownerFile = candidate.resolve(OWNER_FILE);
				if (Files.isRegularFile(ownerFile) && !isAlive(Files.readString(ownerFile).trim())) {
					logger.debug("Removing {}, left by a JVM that has died", candidate);
					TempFiles.deleteRecursively(candidate);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Another JVM may be removing the same folder; it is only housekeeping.
			logger.debug("Could not remove abandoned server folders in {}", tempRoot, ex);
		}
	}

	/** "pid start-instant": a pid alone may have been reused by an unrelated process. */
	private static Optional<String> owner(ProcessHandle process) {
		return process.info().startInstant().map((start) -> process.pid() + " " + start);
	}

	private static boolean isAlive(String owner) {
		String[] parts = owner.split(" ");
		if (parts.length != 2) {
			return true;
		}
		Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(parts[0]));
		return process.filter(ProcessHandle::isAlive)
			.flatMap(InstanceDirectory::owner)
			.map((current) -> current.equals(parts[0] + " " + Instant.parse(parts[1])))
			.orElse(false);
	}

}
