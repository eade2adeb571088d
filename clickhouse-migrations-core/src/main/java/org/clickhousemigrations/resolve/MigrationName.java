package org.clickhousemigrations.resolve;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.clickhousemigrations.model.MigrationVersion;

/**
 * The kind, version and description in a migration's name. Classes are named
 * {@code V<version>__<description>}: {@code V0003__AddUserId} is version 0003, "Add user id". SQL
 * files may also be named as other tools name them: Flyway's {@code V1_2__fix_ttl.sql} (1.2, "Fix
 * ttl"), {@code U1_2__fix_ttl.sql} (its undo) and {@code R__views.sql} (repeatable), or a number first, {@code 0001_create.sql},
 * {@code 7_x.sql}, {@code schema_12_x.sql}, with golang-migrate's {@code .up.sql} / {@code .down.sql}.
 *
 * @param kind what the file holds
 * @param version the version; numbers compare numerically ({@code 10} after {@code 9})
 * @param description from the rest of the name
 */
record MigrationName(Kind kind, MigrationVersion version, String description) {

	private static final Pattern NAME = Pattern.compile("([VU])(\\d+(?:[._]\\d+)*)__(\\w.*)");

	// 0001_create_events, 7_x-y, schema_12_cache, 20151129054053_create_users, each maybe .up or .down.
	private static final Pattern NUMBERED = Pattern.compile("(?:[A-Za-z][A-Za-z0-9]*_)?(\\d+)(?:[_-](.*?))?(\\.up|\\.down)?");

	/** What a file holds. */
	enum Kind {

		/** A migration, in a file or class of its own or with its rollback in the same file. */
		MIGRATION,

		/** A migration whose rollback is in a {@code .down.sql} file beside it (golang-migrate). */
		UP,

		/** The rollback of the migration of the same version ({@code .down.sql}). */
		DOWN,

		/** The rollback of the migration of the same version (Flyway's {@code U<version>__}). */
		UNDO,

		/** A migration named {@code V<version>__}, in a file or a class. */
		VERSIONED,

		/** A migration applied again whenever it changes, {@code R__<name>.sql}. */
		REPEATABLE

	}

	static boolean looksLikeMigration(String name) {
		return name.startsWith("V") && name.length() > 1 && Character.isDigit(name.charAt(1));
	}

	/**
	 * Parses a simple class name.
	 * @throws IllegalArgumentException that says the expected form
	 */
	static MigrationName parse(String name) {
		Matcher matcher = NAME.matcher(name);
		if (!matcher.matches() || !matcher.group(1).equals("V")) {
			throw new IllegalArgumentException("'" + name + "' is not a migration name: use V<version>__<description>, "
					+ "for example V0003__AddUserId");
		}
		return new MigrationName(Kind.VERSIONED, MigrationVersion.parse(matcher.group(2)), describe(matcher.group(3)));
	}

	/**
	 * Parses the name of an SQL file, with its {@code .sql}.
	 * @throws IllegalArgumentException that says the forms there are
	 */
	static MigrationName parseFile(String fileName) {
		String name = fileName.substring(0, fileName.length() - ".sql".length());
		if (name.startsWith("R__") && name.length() > 3) {
			return new MigrationName(Kind.REPEATABLE, MigrationVersion.repeatable(name.substring(3)),
					describe(name.substring(3)));
		}
		Matcher flyway = NAME.matcher(name);
		if (flyway.matches()) {
			return new MigrationName(flyway.group(1).equals("V") ? Kind.VERSIONED : Kind.UNDO,
					MigrationVersion.parse(flyway.group(2)), describe(flyway.group(3)));
		}
		Matcher numbered = NUMBERED.matcher(name);
		if (numbered.matches()) {
			Kind kind = (numbered.group(3) == null) ? Kind.MIGRATION
					: numbered.group(3).equals(".up") ? Kind.UP : Kind.DOWN;
			String description = (numbered.group(2) != null && !numbered.group(2).isEmpty()) ? numbered.group(2)
					: name.replaceAll("\\.(up|down)$", "");
			return new MigrationName(kind, MigrationVersion.parse(numbered.group(1)), describe(description));
		}
		throw new IllegalArgumentException("not a migration name: use V<version>__<description>.sql "
				+ "(with U<version>__<description>.sql for its undo), R__<description>.sql for a migration applied "
				+ "again whenever it changes, or a number first as other tools do: "
				+ "0001_<description>.sql, 0001_<description>.up.sql with .down.sql");
	}

	private static String describe(String text) {
		String words = text.replaceAll("([a-z0-9])([A-Z])", "$1 $2")
			.replaceAll("([A-Z])([A-Z][a-z])", "$1 $2")
			.replace('_', ' ')
			.replace('-', ' ')
			.replaceAll("\\s+", " ")
			.trim()
			.toLowerCase(Locale.ROOT);
		return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

}
