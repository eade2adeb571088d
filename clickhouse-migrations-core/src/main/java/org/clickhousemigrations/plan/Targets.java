package org.clickhousemigrations.plan;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.clickhousemigrations.MigrationKey;
import org.clickhousemigrations.ResolvedMigration;

/** Which migrations a migrate to {@code module:version} needs. */
public final class Targets {

	private Targets() {
	}

	/**
	 * The migrations of the target's module up to its version, and everything they depend on,
	 * with the earlier versions of each module they touch.
	 */
	public static Set<MigrationKey> needed(List<ResolvedMigration> resolved, MigrationKey target) {
		Map<MigrationKey, ResolvedMigration> byKey = new HashMap<>();
		resolved.forEach((migration) -> byKey.put(migration.key(), migration));
		Set<MigrationKey> needed = new HashSet<>();
		Deque<MigrationKey> work = new ArrayDeque<>();
		work.add(target);
		while (!work.isEmpty()) {
			MigrationKey key = work.poll();
			for (ResolvedMigration migration : resolved) {
				boolean earlierInModule = migration.module().equals(key.module())
						&& migration.version().compareTo(key.version()) <= 0;
				if (earlierInModule && needed.add(migration.key())) {
					work.addAll(byKey.get(migration.key()).dependsOn());
				}
			}
		}
		return needed;
	}

}
