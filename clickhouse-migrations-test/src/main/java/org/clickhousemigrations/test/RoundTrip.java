package org.clickhousemigrations.test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.ResolvedMigration;

/**
 * The round-trip check of {@link MigrationsVerifier}: each migration rolled back right after it was
 * applied must leave the schema it found, so that a rollback that leaves something behind is named
 * even where an earlier rollback would drop the whole table; then every module back to 0 and all
 * applied again must make the same schema.
 */
final class RoundTrip {

	private final VerifierRuns runs;

	private final DataSource dataSource;

	private final String database;

	private final VerifierChecks.Findings findings;

	RoundTrip(VerifierRuns runs, DataSource dataSource, String database, VerifierChecks.Findings findings) {
		this.runs = runs;
		this.dataSource = dataSource;
		this.database = database;
		this.findings = findings;
	}

	void run() {
		ClickHouseMigrations engine = this.runs.engine(this.dataSource);
		List<ResolvedMigration> migrations = engine.resolved();
		Map<String, String> previous = new LinkedHashMap<>();
		boolean allUndone = true;
		for (ResolvedMigration migration : migrations) {
			if (migration.version().isRepeatable()) {
				continue;
			}
			String before = previous.getOrDefault(migration.module(), "0");
			DatabaseState schema = state();
			if (!apply(engine, migration, "")) {
				return;
			}
			try {
				engine.rollback("main", migration.module(), before);
			}
			catch (RuntimeException ex) {
				allUndone = false;
				this.findings.found(VerifierChecks.ROUND_TRIP, migration.key() + " (" + migration.script() + ") cannot be rolled back: "
						+ VerifierChecks.firstLine(ex), VerifierChecks.describe(ex));
				previous.put(migration.module(), migration.version().toString());
				continue;
			}
			List<String> left = state().differences(schema);
			if (!left.isEmpty()) {
				this.findings.found(VerifierChecks.ROUND_TRIP, "Rolling back " + migration.key() + " (" + migration.script() + ") does not "
						+ "restore the schema before it: " + left.get(0).lines().findFirst().orElse(""),
						String.join("\n", left));
			}
			if (!apply(engine, migration, " again after its rollback")) {
				return;
			}
			previous.put(migration.module(), migration.version().toString());
		}
		if (!allUndone) {
			return;
		}
		engine.migrate();
		DatabaseState first = state();
		List<String> modules = new ArrayList<>(previous.keySet());
		Collections.reverse(modules);
		modules.forEach((module) -> engine.rollback("main", module, "0"));
		engine.migrate();
		List<String> differences = state().differences(first);
		if (!differences.isEmpty()) {
			this.findings.found(VerifierChecks.ROUND_TRIP, "After rolling every module back to 0 and applying all again, the schema differs: "
					+ differences.get(0).lines().findFirst().orElse(""), String.join("\n", differences));
		}
	}

	// False, with a finding, when it fails: the round trip cannot go on.
	private boolean apply(ClickHouseMigrations engine, ResolvedMigration migration, String when) {
		try {
			engine.migrate(migration.key());
			return true;
		}
		catch (RuntimeException ex) {
			this.findings.found(VerifierChecks.ROUND_TRIP, "Applying " + migration.key() + " (" + migration.script() + ")" + when + " failed: "
					+ VerifierChecks.firstLine(ex), VerifierChecks.describe(ex));
			return false;
		}
	}

	private DatabaseState state() {
		try {
			return DatabaseState.read(this.dataSource, this.database, false);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("the schema could not be read: " + ex.getMessage(), ex);
		}
	}

}
