package org.clickhousemigrations.lock;

import org.clickhousemigrations.model.MigrationDatabase;

/**
 * Chooses the lock per database: a database with a cluster needs a lock that every node sees (in
 * Keeper); a single server is served by a lock table.
 */
public class ClusterAwareMigrationLock implements MigrationLock {

	private final MigrationLock single;

	private final MigrationLock cluster;

	public ClusterAwareMigrationLock(MigrationLock single, MigrationLock cluster) {
		this.single = single;
		this.cluster = cluster;
	}

	@Override
	public Held acquire(MigrationDatabase database) {
		return ((database.cluster() != null) ? this.cluster : this.single).acquire(database);
	}

}
