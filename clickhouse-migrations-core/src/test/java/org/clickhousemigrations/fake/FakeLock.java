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

	private boolean takeOver;

	public FakeLock(List<String> journal) {
		this.journal = journal;
	}

	/** The lock is lost once {@code checks} statements have started. */
	public FakeLock loseAfter(int checks) {
		this.checksBeforeLoss = checks;
		return this;
	}

	/** The next holding is taken over from a holder that died. */
	public FakeLock takeOver() {
		this.takeOver = true;
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
		boolean tookOver = this.takeOver;
		this.takeOver = false;
		return new Held() {

			@Override
			public boolean tookOver() {
				return tookOver;
			}

			@Override
			public void abandon() {
				FakeLock.this.journal.add("abandon");
			}

			@Override
			public void check() {
				if (FakeLock.this.checksBeforeLoss-- <= 0) {
					throw new ClickHouseMigrationException("Stopped migrating database '" + database.name()
							+ "': the migration lock is no longer ours");
				}
			}

			@Override
			public void close() {
				if (!FakeLock.this.journal.get(FakeLock.this.journal.size() - 1).equals("abandon")) {
					FakeLock.this.journal.add("unlock");
				}
			}

		};
	}

}
