package org.clickhousemigrations.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import org.clickhousemigrations.ClickHouseMigrationException;
import org.clickhousemigrations.MigrationListener;
import org.clickhousemigrations.model.MigrationDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action on each database that is migrated (not {@code migrate=false}, not
 * {@code readonly}), up to {@code parallelism} at once on threads {@code clickhouse-migrations-<n>}:
 * one database's failure does not stop the others, and all are done before the failures are
 * thrown; listeners hear of each failure.
 */
final class EachDatabase {

	private static final Logger logger = LoggerFactory.getLogger(DefaultClickHouseMigrations.class);

	private final List<MigrationDatabase> databases;

	private final int parallelism;

	private final List<MigrationListener> listeners;

	EachDatabase(List<MigrationDatabase> databases, int parallelism, List<MigrationListener> listeners) {
		this.databases = databases;
		this.parallelism = parallelism;
		this.listeners = listeners;
	}

	/**
	 * @return the result of each database, in the order of the databases
	 * @throws ClickHouseMigrationException the failure of one database, or one that names each failure
	 */
	<T> Map<String, T> run(Function<MigrationDatabase, T> action) {
		List<MigrationDatabase> migrated = new ArrayList<>();
		for (MigrationDatabase database : this.databases) {
			if (database.isMigrated()) {
				migrated.add(database);
			}
			else {
				logger.info("Not migrating database '{}': {}", database.name(),
						!database.migrate() ? "migrate=false" : "readonly=true");
			}
		}
		Map<String, Result<T>> results = new ConcurrentHashMap<>();
		Consumer<MigrationDatabase> run = (database) -> results.put(database.name(), attempt(database, action));
		if (this.parallelism <= 1 || migrated.size() <= 1) {
			migrated.forEach(run);
		}
		else {
			AtomicInteger threads = new AtomicInteger();
			ExecutorService pool = Executors.newFixedThreadPool(Math.min(this.parallelism, migrated.size()),
					(task) -> new Thread(task, "clickhouse-migrations-" + threads.incrementAndGet()));
			try {
				List<Future<?>> running = migrated.stream().<Future<?>>map((database) -> pool.submit(() -> run.accept(database)))
					.toList();
				for (Future<?> each : running) {
					awaitDone(each);
				}
			}
			finally {
				pool.shutdownNow();
			}
		}
		Map<String, T> values = new LinkedHashMap<>();
		List<ClickHouseMigrationException> failures = new ArrayList<>();
		for (MigrationDatabase database : migrated) {
			Result<T> result = results.get(database.name());
			if (result.failure() != null) {
				failures.add(result.failure());
			}
			else {
				values.put(database.name(), result.value());
			}
		}
		if (failures.size() == 1) {
			throw failures.get(0);
		}
		if (!failures.isEmpty()) {
			ClickHouseMigrationException failure = new ClickHouseMigrationException(failures.size()
					+ " databases were not migrated:\n" + String.join("\n",
							failures.stream().map(ClickHouseMigrationException::getMessage).toList()));
			failures.forEach(failure::addSuppressed);
			throw failure;
		}
		return values;
	}

	private <T> Result<T> attempt(MigrationDatabase database, Function<MigrationDatabase, T> action) {
		try {
			return new Result<>(action.apply(database), null);
		}
		catch (RuntimeException ex) {
			// Whatever went wrong with one database, the others are still migrated.
			ClickHouseMigrationException failure = (ex instanceof ClickHouseMigrationException known) ? known
					: new ClickHouseMigrationException("Database '" + database.name() + "' failed: " + ex, ex);
			logger.error("Database '{}' was not migrated: {}", database.name(), failure.getMessage());
			this.listeners.forEach((listener) -> listener.databaseFailed(database, failure));
			return new Result<>(null, failure);
		}
	}

	private static void awaitDone(Future<?> running) {
		try {
			running.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ClickHouseMigrationException("Interrupted while databases were being migrated", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("attempt() returns every failure", ex.getCause());
		}
	}

	// What became of one database.
	private record Result<T>(T value, ClickHouseMigrationException failure) {
	}

}
