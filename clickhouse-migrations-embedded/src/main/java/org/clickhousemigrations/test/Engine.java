package org.clickhousemigrations.test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Where the ClickHouse of an {@link EmbeddedClickHouse} comes from. */
sealed interface Engine {

	/** A server that runs already; nothing is started or stopped. */
	record External(URI httpBase, String username, String password) implements Engine {
	}

	/**
	 * A clickhouse-local that we start: either a {@code clickhouse local} binary or the chDB child
	 * JVM, which takes an argv[0] of its own.
	 */
	record Local(List<String> prefix, boolean chdb, String description) implements Engine {

		List<String> command(List<String> options) {
			List<String> command = new ArrayList<>(this.prefix);
			if (this.chdb) {
				// argv[0] is the program name: chDB drops whatever stands there.
				command.add("clickhouse-local");
			}
			command.addAll(options);
			return command;
		}

	}

}
