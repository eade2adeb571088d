package org.clickhousemigrations.resolve;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.clickhousemigrations.model.MigrationVersion;

/**
 * The version and description in a migration's name, {@code V<version>__<description>}:
 * {@code V0003__AddUserId} is version 0003, "Add user id"; {@code V1_2__fix_ttl} is 1.2, "Fix ttl".
 */
record MigrationName(MigrationVersion version, String description) {

	private static final Pattern NAME = Pattern.compile("V(\\d+(?:[._]\\d+)*)__(\\w.*)");

	static boolean looksLikeMigration(String name) {
		return name.startsWith("V") && name.length() > 1 && Character.isDigit(name.charAt(1));
	}

	/**
	 * Parses a file name without its extension, or a simple class name.
	 * @throws IllegalArgumentException that says the expected form
	 */
	static MigrationName parse(String name) {
		Matcher matcher = NAME.matcher(name);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("'" + name + "' is not a migration name: use V<version>__<description>, "
					+ "for example V0003__add_user_id.sql or class V0003__AddUserId");
		}
		return new MigrationName(MigrationVersion.parse(matcher.group(1)), describe(matcher.group(2)));
	}

	private static String describe(String text) {
		String words = text.replaceAll("([a-z0-9])([A-Z])", "$1 $2")
			.replaceAll("([A-Z])([A-Z][a-z])", "$1 $2")
			.replace('_', ' ')
			.replaceAll("\\s+", " ")
			.trim()
			.toLowerCase(Locale.ROOT);
		return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

}
