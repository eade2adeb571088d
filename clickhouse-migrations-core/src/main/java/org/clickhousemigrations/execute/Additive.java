package org.clickhousemigrations.execute;

import java.util.regex.Pattern;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.sql.StatementTarget;

/**
 * Which statements may go without a progress row of their own: those that change nothing when
 * they run again after any later statement that also went without one. Only additive
 * {@code IF NOT EXISTS} statements qualify: {@code CREATE ... IF NOT EXISTS} and a single
 * {@code ADD COLUMN|INDEX|PROJECTION|CONSTRAINT IF NOT EXISTS}. A later additive statement cannot
 * undo what an earlier one made, so replaying a run of them is harmless.
 * <p>
 * Everything else is bracketed by history rows: {@code DROP ... IF EXISTS} and {@code RENAME ...
 * IF EXISTS} look safe to replay but are not (replayed after a rename, a drop removes the renamed
 * column's data), nor are {@code CREATE OR REPLACE}, {@code MODIFY}, {@code INSERT}, mutations and
 * Java steps. So are {@code CREATE TABLE ... AS SELECT} and {@code POPULATE}, which fill a table
 * for as long as they run: replayed while the first run still fills it, they would do nothing and
 * let the next statement see half the data.
 */
public final class Additive {

	private static final String TABLE = "\\S+(?:\\s+ON\\s+CLUSTER\\s+\\S+)?\\s+";

	// One ALTER command only: a comma may start a second command that is not additive.
	private static final Pattern ADDITIVE = Pattern.compile("(?is)\\s*(?:"
			+ "CREATE\\s+(?:TEMPORARY\\s+)?(?:TABLE|DATABASE|VIEW|MATERIALIZED\\s+VIEW|DICTIONARY|FUNCTION)\\s+IF\\s+NOT\\s+EXISTS\\s.*"
			+ "|ALTER\\s+TABLE\\s+" + TABLE + "ADD\\s+(?:COLUMN|INDEX|PROJECTION|CONSTRAINT)\\s+IF\\s+NOT\\s+EXISTS\\s[^,]*"
			+ ")");

	// CREATE TABLE ... AS SELECT, and a materialized view with POPULATE.
	private static final Pattern FILLS_DATA = Pattern.compile("(?is)(?:\\s*CREATE\\s+(?:TEMPORARY\\s+)?TABLE\\s.*"
			+ "\\bAS\\s*\\(?\\s*(?:SELECT|WITH)\\b.*|.*\\bPOPULATE\\b.*)");

	private Additive() {
	}

	/** Whether the step, with placeholders resolved to {@code resolvedSql}, may go without its own row. */
	public static boolean test(MigrationStep step, String resolvedSql) {
		if (!step.isSql()) {
			return false;
		}
		String sql = StatementTarget.withoutLeadingComments(resolvedSql);
		return ADDITIVE.matcher(sql).matches() && !FILLS_DATA.matcher(sql).matches();
	}

}
