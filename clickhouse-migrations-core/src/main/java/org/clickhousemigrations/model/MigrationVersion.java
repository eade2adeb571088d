package org.clickhousemigrations.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The version of a migration: digits in parts separated by {@code .} or {@code _}, compared
 * numerically part by part ({@code 1.10 > 1.9}, {@code 0003 == 3}, {@code 1.0 == 1}); or the place
 * of a repeatable migration, {@code R__<name>}, after every version. Immutable.
 */
public final class MigrationVersion implements Comparable<MigrationVersion> {

	private static final String REPEATABLE = "R__";

	private final String text;

	private final List<BigInteger> parts;

	// The name of a repeatable migration, which has no version; null for a version.
	private final String repeatable;

	private MigrationVersion(String text, List<BigInteger> parts, String repeatable) {
		this.text = text;
		this.parts = parts;
		this.repeatable = repeatable;
	}

	/**
	 * The place of a repeatable migration, {@code R__<name>}: after every version, repeatable
	 * migrations by name.
	 */
	public static MigrationVersion repeatable(String name) {
		return new MigrationVersion(REPEATABLE + name, List.of(), name);
	}

	/** Whether this is the place of a repeatable migration rather than a version. */
	public boolean isRepeatable() {
		return this.repeatable != null;
	}

	/**
	 * Parses a version such as {@code 0003}, {@code 1.2} or {@code 1_2}.
	 * @throws IllegalArgumentException if the text is not digits separated by dots or underscores
	 */
	public static MigrationVersion parse(String text) {
		if (text != null && text.startsWith(REPEATABLE) && text.length() > REPEATABLE.length()) {
			return repeatable(text.substring(REPEATABLE.length()));
		}
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
		return new MigrationVersion(normalised, Collections.unmodifiableList(parts), null);
	}

	@Override
	public int compareTo(MigrationVersion other) {
		if (isRepeatable() || other.isRepeatable()) {
			return !other.isRepeatable() ? 1 : !isRepeatable() ? -1 : this.repeatable.compareTo(other.repeatable);
		}
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
		return other instanceof MigrationVersion version && this.parts.equals(version.parts)
				&& Objects.equals(this.repeatable, version.repeatable);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.parts, this.repeatable);
	}

	/** The version as written, with {@code _} shown as {@code .}: {@code 0003}, {@code 1.2}. */
	@Override
	public String toString() {
		return this.text;
	}

}
