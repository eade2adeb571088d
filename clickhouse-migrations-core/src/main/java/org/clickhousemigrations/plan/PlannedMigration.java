package org.clickhousemigrations.plan;

import java.util.List;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.model.AppliedMigration;
import org.clickhousemigrations.sql.Placeholders;
import org.clickhousemigrations.sql.Secrets;

/**
 * A migration ready to run on one database: its steps with placeholders resolved, and where to
 * start (after the steps a failed or interrupted run had done).
 *
 * @param migration what was found
 * @param steps the steps to run (the migration's own, or its rollback steps)
 * @param sql the SQL of each step with placeholders resolved; {@code null} for Java steps
 * @param startAt how many steps are done already
 * @param previous the latest history row, or {@code null}
 */
public record PlannedMigration(ResolvedMigration migration, List<MigrationStep> steps, List<String> sql, int startAt,
		AppliedMigration previous) {

	/**
	 * Resolves the placeholders of every step.
	 * @throws IllegalArgumentException naming the script, the step and the placeholder
	 */
	public static PlannedMigration of(ResolvedMigration migration, List<MigrationStep> steps, int startAt,
			AppliedMigration previous, Placeholders placeholders) {
		String[] sql = new String[steps.size()];
		for (int i = 0; i < steps.size(); i++) {
			MigrationStep step = steps.get(i);
			if (step.isSql()) {
				try {
					sql[i] = placeholders.resolve(step.sql());
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException(migration.script() + ", statement " + (i + 1) + " ("
							+ Secrets.LITERALS.mask(step.label()) + "): " + ex.getMessage(), ex);
				}
			}
		}
		return new PlannedMigration(migration, steps, java.util.Arrays.asList(sql), startAt, previous);
	}

}
