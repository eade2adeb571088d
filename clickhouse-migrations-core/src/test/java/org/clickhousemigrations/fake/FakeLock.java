package org.clickhousemigrations.fake;

import java.util.List;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.lock.MigrationLock;
import org.clickhousemigrations.model.MigrationDatabase;

/** A lock that notes when it is taken and released, and can be made to be lost after some checks. */
public final class FakeLock implements MigrationLock {

	private final List<String> journal;

	private int checksBeforeLoss = Integer.MAX_VALUE;

	private Runnable whileWaiting = () -> {
	};

	public FakeLock(List<String> journal) {
		this.journal = journal;
	}

	/** The lock is lost once {@code checks} statements have started. */
	public FakeLock loseAfter(int checks) {
		this.checksBeforeLoss = checks;
		return this;
	}

	/** Runs {@code work} while the lock is being waited for, as another instance would. */
	public FakeLock whileWaiting(Runnable work) {
		this.whileWaiting = work;
		return this;
	}

	@Override
	public Held acquire(MigrationDatabase database) {
		this.whileWaiting.run();
		this.journal.add("lock");
		return new Held() {

			@Override
			public void check() {
				if (FakeLock.this.checksBeforeLoss-- <= 0) {
					throw new ClickHouseMigrationException("Stopped migrating database '" + database.name()
							+ "': the migration lock is no longer ours");
				}
			}

			@Override
			public void close() {
				FakeLock.this.journal.add("unlock");
			}

		};
	}

}
