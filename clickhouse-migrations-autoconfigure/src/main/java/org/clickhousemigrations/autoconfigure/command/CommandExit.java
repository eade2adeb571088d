package org.clickhousemigrations.autoconfigure.command;

/**
 * Ends the process of a command with its exit code. Replace the bean to keep the JVM running,
 * for example in tests.
 */
@FunctionalInterface
public interface CommandExit {

	void exit(int code);

}
