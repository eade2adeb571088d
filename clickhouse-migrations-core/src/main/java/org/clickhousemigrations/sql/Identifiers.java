package org.clickhousemigrations.sql;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Quotes ClickHouse identifiers, so that names never change the meaning of a statement. */
public final class Identifiers {

	private Identifiers() {
	}

	/**
	 * Quotes a name with backticks, each part of a dotted {@code database.table} on its own:
	 * {@code events.raw} becomes {@code `events`.`raw`}.
	 */
	public static String quote(String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("A table, column, index or view name is required");
		}
		return Arrays.stream(name.split("\\.", -1))
			.map((part) -> "`" + part.replace("\\", "\\\\").replace("`", "\\`") + "`")
			.collect(Collectors.joining("."));
	}

	/** Quotes a string literal with single quotes. */
	public static String literal(String value) {
		return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
	}

}
