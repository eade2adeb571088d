package org.clickhousemigrations.autoconfigure.report;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How command mode writes and reads its JSON documents ({@link StatusDocument},
 * {@link HistoryDocument}, the validate, dry-run and diff reports): with Jackson, records as objects
 * of their components in order, nulls kept, indented by two spaces.
 */
public final class Documents {

	static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private Documents() {
	}

	/** {@code document} as indented JSON. */
	public static String write(Object document) {
		return JSON.writeValueAsString(document);
	}

}
