package org.clickhousemigrations.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.history.MigrationHistory;
import org.clickhousemigrations.model.AppliedMigration;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.model.MigrationKey;

/** A history in memory: every row appended, in order, and each write noted in a shared journal. */
public class FakeHistory implements MigrationHistory {

	private final List<String> journal;

	private final List<AppliedMigration> rows = new ArrayList<>();

	private boolean exists;

	private int reads;

	// How many more writes succeed; negative for all.
	private int writesLeft = -1;

	public FakeHistory(List<String> journal) {
		this.journal = journal;
	}

	/** Every row appended so far, oldest first. */
	public List<AppliedMigration> rows() {
		return List.copyOf(this.rows);
	}

	/** Makes every later write fail, as with a server gone away. */
	public void failWrites() {
		failWritesAfter(0);
	}

	/** Lets {@code writes} more writes succeed, then makes every later one fail. */
	public void failWritesAfter(int writes) {
		this.writesLeft = writes;
	}

	/** How many times the history was read. */
	public int reads() {
		return this.reads;
	}

	public boolean exists() {
		return this.exists;
	}

	@Override
	public String location(MigrationDatabase database) {
		return "fake." + database.name();
	}

	@Override
	public Snapshot read(MigrationDatabase database) {
		this.reads++;
		Map<MigrationKey, AppliedMigration> latest = new LinkedHashMap<>();
		this.rows.forEach((row) -> latest.put(row.key(), row));
		return new Snapshot(this.exists, List.copyOf(latest.values()));
	}

	@Override
	public void create(MigrationDatabase database) {
		this.exists = true;
		this.journal.add("create history");
	}

	@Override
	public void append(MigrationDatabase database, List<AppliedMigration> rows) {
		if (this.writesLeft == 0) {
			throw new ClickHouseMigrationException("Cannot write to the migration history: connection refused");
		}
		if (this.writesLeft > 0) {
			this.writesLeft--;
		}
		this.exists = true;
		this.rows.addAll(rows);
		this.journal.add("record " + String.join(", ",
				rows.stream().map((row) -> row.event() + " " + row.key() + " " + row.statementsDone()).toList()));
	}

}
