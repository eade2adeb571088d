package org.clickhousemigrations.execute;

import java.util.regex.Pattern;

import org.clickhousemigrations.MigrationStep;

/**
 * Which statements leave the same result when they run a second time ({@code CREATE ... IF NOT
 * EXISTS}, {@code ADD COLUMN IF NOT EXISTS}, {@code DROP ... IF EXISTS}, ...). On resume such a
 * statement simply runs again, so it needs no progress row of its own: that saves a round trip
 * per statement. Anything else (INSERT, ALTER UPDATE, RENAME, Java code) is assumed not to be.
 */
public final class Rerunnable {

	private static final String TABLE = "\\S+(?:\\s+ON\\s+CLUSTER\\s+\\S+)?\\s+";

	// One ALTER command only: a comma may start a second one that is not rerunnable.
	private static final Pattern RERUNNABLE = Pattern.compile("(?is)\\s*(?:"
			+ "CREATE\\s+(?:TEMPORARY\\s+)?(?:TABLE|DATABASE|VIEW|MATERIALIZED\\s+VIEW|DICTIONARY|FUNCTION)\\s+IF\\s+NOT\\s+EXISTS\\s.*"
			+ "|CREATE\\s+OR\\s+REPLACE\\s.*"
			+ "|DROP\\s+(?:TEMPORARY\\s+)?(?:TABLE|DATABASE|VIEW|DICTIONARY|FUNCTION)\\s+IF\\s+EXISTS\\s.*"
			+ "|ALTER\\s+TABLE\\s+" + TABLE
			+ "(?:(?:ADD|DROP)\\s+(?:COLUMN|INDEX|PROJECTION|CONSTRAINT)\\s+IF\\s+(?:NOT\\s+)?EXISTS"
			+ "|MODIFY\\s+COLUMN\\s+IF\\s+EXISTS|RENAME\\s+COLUMN\\s+IF\\s+EXISTS|COMMENT\\s+COLUMN\\s+IF\\s+EXISTS"
			+ "|MODIFY\\s+COMMENT|MODIFY\\s+TTL|MODIFY\\s+SETTING)\\s[^,]*"
			+ ")");

	private Rerunnable() {
	}

	// Comments before the statement: -- and # lines, /* blocks */.
	private static final Pattern LEADING_COMMENTS = Pattern.compile("\\A(?:\\s+|--[^\\n]*|#[^\\n]*|/\\*.*?\\*/)*",
			Pattern.DOTALL);

	/** Whether the step, with placeholders resolved to {@code resolvedSql}, may simply run again. */
	public static boolean test(MigrationStep step, String resolvedSql) {
		return step.isSql()
				&& RERUNNABLE.matcher(LEADING_COMMENTS.matcher(resolvedSql).replaceFirst("")).matches();
	}

}
