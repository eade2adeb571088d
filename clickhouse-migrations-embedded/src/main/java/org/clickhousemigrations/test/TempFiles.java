package org.clickhousemigrations.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes the temporary folders this module creates. */
final class TempFiles {

	private static final int ATTEMPTS = 20;

	private TempFiles() {
	}

	/**
	 * Deletes a folder and all below it. A ClickHouse that has just stopped may still be removing
	 * or writing a file or two, so a walk that trips over one is tried again.
	 */
	static void deleteRecursively(Path root) {
		for (int attempt = 1; Files.exists(root); attempt++) {
			try (Stream<Path> paths = Files.walk(root)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(path);
				}
			}
			catch (IOException | UncheckedIOException ex) {
				if (attempt == ATTEMPTS) {
					throw new UncheckedIOException("Could not delete " + root, (ex instanceof IOException io) ? io
							: ((UncheckedIOException) ex).getCause());
				}
				sleep();
			}
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
