package org.clickhousemigrations.model;

import java.util.Comparator;

/**
 * A migration's identity: its module and version, written {@code module:version}.
 *
 * @param module the module (folder below the root location; {@code default} for the root)
 * @param version the version within the module
 */
public record MigrationKey(String module, MigrationVersion version) implements Comparable<MigrationKey> {

	private static final Comparator<MigrationKey> ORDER = Comparator.comparing(MigrationKey::module)
		.thenComparing(MigrationKey::version);

	/**
	 * Parses {@code module:version}.
	 * @throws IllegalArgumentException naming the expected form
	 */
	public static MigrationKey parse(String text) {
		int colon = (text != null) ? text.lastIndexOf(':') : -1;
		if (colon <= 0 || colon == text.length() - 1) {
			throw new IllegalArgumentException(
					"'" + text + "' is not module:version (for example events:0003 or default:1.2)");
		}
		return new MigrationKey(text.substring(0, colon).trim(), MigrationVersion.parse(text.substring(colon + 1).trim()));
	}

	@Override
	public int compareTo(MigrationKey other) {
		return ORDER.compare(this, other);
	}

	@Override
	public String toString() {
		return this.module + ":" + this.version;
	}

}
