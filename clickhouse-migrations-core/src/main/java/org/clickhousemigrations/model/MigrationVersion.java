package org.clickhousemigrations.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The version of a migration: digits in parts separated by {@code .} or {@code _}, compared
 * numerically part by part ({@code 1.10 > 1.9}, {@code 0003 == 3}, {@code 1.0 == 1}). Immutable.
 */
public final class MigrationVersion implements Comparable<MigrationVersion> {

	private final String text;

	private final List<BigInteger> parts;

	private MigrationVersion(String text, List<BigInteger> parts) {
		this.text = text;
		this.parts = parts;
	}

	/**
	 * Parses a version such as {@code 0003}, {@code 1.2} or {@code 1_2}.
	 * @throws IllegalArgumentException if the text is not digits separated by dots or underscores
	 */
	public static MigrationVersion parse(String text) {
		if (text == null || !text.matches("\\d+([._]\\d+)*")) {
			throw new IllegalArgumentException("'" + text + "' is not a version: use digits, with parts separated "
					+ "by '.' or '_' (for example 0003, 1.2 or 1_2)");
		}
		String normalised = text.replace('_', '.');
		List<BigInteger> parts = new ArrayList<>();
		for (String part : normalised.split("\\.")) {
			parts.add(new BigInteger(part));
		}
		// Trailing zero parts do not change the version: 1.0 is 1.
		while (parts.size() > 1 && parts.get(parts.size() - 1).signum() == 0) {
			parts.remove(parts.size() - 1);
		}
		return new MigrationVersion(normalised, Collections.unmodifiableList(parts));
	}

	@Override
	public int compareTo(MigrationVersion other) {
		for (int i = 0; i < Math.max(this.parts.size(), other.parts.size()); i++) {
			BigInteger mine = (i < this.parts.size()) ? this.parts.get(i) : BigInteger.ZERO;
			BigInteger theirs = (i < other.parts.size()) ? other.parts.get(i) : BigInteger.ZERO;
			int result = mine.compareTo(theirs);
			if (result != 0) {
				return result;
			}
		}
		return 0;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof MigrationVersion version && this.parts.equals(version.parts);
	}

	@Override
	public int hashCode() {
		return this.parts.hashCode();
	}

	/** The version as written, with {@code _} shown as {@code .}: {@code 0003}, {@code 1.2}. */
	@Override
	public String toString() {
		return this.text;
	}

}
