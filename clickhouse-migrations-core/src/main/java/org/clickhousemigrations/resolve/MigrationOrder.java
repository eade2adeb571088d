package org.clickhousemigrations.resolve;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.stream.Collectors;

import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.model.MigrationKey;

/**
 * Orders migrations so that each comes after the previous version of its module and after every
 * migration it {@link ResolvedMigration#dependsOn() depends on}. Among those free to run, the
 * {@code default} module goes first, then modules by name, then versions in order. Repeatable
 * migrations come last, in the same preference.
 */
final class MigrationOrder {

	private static final Comparator<MigrationKey> PREFERENCE = Comparator
		.comparing((MigrationKey key) -> !key.module().equals(MigrationResolver.DEFAULT_MODULE))
		.thenComparing(MigrationKey::module)
		.thenComparing(MigrationKey::version);

	private MigrationOrder() {
	}

	/**
	 * The migrations in order, repeatable ones after every versioned one; unknown dependencies and
	 * cycles are added to {@code problems}.
	 */
	static List<ResolvedMigration> sort(Collection<ResolvedMigration> all, List<String> problems) {
		List<ResolvedMigration> migrations = all.stream().filter((migration) -> !migration.version().isRepeatable())
			.toList();
		Map<MigrationKey, ResolvedMigration> byKey = new HashMap<>();
		migrations.forEach((migration) -> byKey.put(migration.key(), migration));
		Map<MigrationKey, List<MigrationKey>> dependents = new HashMap<>();
		Map<MigrationKey, Integer> waitingFor = new HashMap<>();
		Map<String, MigrationKey> previousInModule = new HashMap<>();
		List<MigrationKey> keys = migrations.stream().map(ResolvedMigration::key).sorted().toList();
		for (MigrationKey key : keys) {
			waitingFor.put(key, 0);
			MigrationKey previous = previousInModule.put(key.module(), key);
			if (previous != null) {
				edge(previous, key, dependents, waitingFor);
			}
			for (MigrationKey dependency : byKey.get(key).dependsOn()) {
				if (!byKey.containsKey(dependency)) {
					problems.add(byKey.get(key).script() + " depends on " + dependency
							+ ", which does not exist; fix dependsOn() or add that migration");
				}
				else {
					edge(dependency, key, dependents, waitingFor);
				}
			}
		}
		if (!problems.isEmpty()) {
			return List.of();
		}
		PriorityQueue<MigrationKey> ready = new PriorityQueue<>(PREFERENCE);
		waitingFor.forEach((key, count) -> {
			if (count == 0) {
				ready.add(key);
			}
		});
		List<ResolvedMigration> ordered = new ArrayList<>();
		while (!ready.isEmpty()) {
			MigrationKey key = ready.poll();
			ordered.add(byKey.get(key));
			for (MigrationKey dependent : dependents.getOrDefault(key, List.of())) {
				if (waitingFor.merge(dependent, -1, Integer::sum) == 0) {
					ready.add(dependent);
				}
			}
		}
		all.stream()
			.filter((migration) -> migration.version().isRepeatable())
			.sorted(Comparator.comparing(ResolvedMigration::key, PREFERENCE))
			.forEach(ordered::add);
		if (ordered.size() < all.size()) {
			String cycle = keys.stream()
				.filter((key) -> waitingFor.get(key) > 0)
				.map((key) -> key + " (" + byKey.get(key).script() + ")")
				.collect(Collectors.joining(", "));
			problems.add("Dependency cycle among " + cycle + "; remove one of the dependsOn() entries");
		}
		return ordered;
	}

	private static void edge(MigrationKey from, MigrationKey to, Map<MigrationKey, List<MigrationKey>> dependents,
			Map<MigrationKey, Integer> waitingFor) {
		dependents.computeIfAbsent(from, (key) -> new ArrayList<>()).add(to);
		waitingFor.merge(to, 1, Integer::sum);
	}

}
