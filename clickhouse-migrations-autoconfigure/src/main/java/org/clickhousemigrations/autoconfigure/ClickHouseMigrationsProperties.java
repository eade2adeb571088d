package org.clickhousemigrations.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration of ClickHouse migrations ({@code clickhouse.migrations.*}).
 */
@ConfigurationProperties("clickhouse.migrations")
public class ClickHouseMigrationsProperties {

	/** Whether to migrate ClickHouse databases and report on them. */
	private boolean enabled = true;

	/** Roots of the migration modules: each sub-folder of a root is a module. */
	private List<String> locations = new ArrayList<>(List.of("classpath:db/clickhouse"));

	/** Whether a failed migration fails application start-up. */
	private boolean failOnError = true;

	/** Whether rollback may run; switch it off in production if rollbacks must go through review. */
	private boolean rollbackEnabled = true;

	/** Global placeholders, replacing ${name} in SQL. */
	private Map<String, String> placeholders = new LinkedHashMap<>();

	/**
	 * Databases to migrate, by their order, then in the order they are configured; without any, the
	 * application's DataSource is database "default".
	 */
	private Map<String, DatabaseProperties> databases = new LinkedHashMap<>();

	/** Placeholders whose values are shown nowhere, besides those whose names contain password, secret, token, credential or key. */
	private List<String> secretPlaceholders = new ArrayList<>();

	/** How many databases migrate at the same time, each under its own lock. */
	private int parallelism = 1;

	/** How many chunks of a backfill are copied at once; each holds its rows in memory until written. */
	private int backfillParallelism = 2;

	/** The most rows a second a backfill or a live copy writes, waiting between chunks when ahead; 0: no limit. */
	private long backfillRowsPerSecond;

	private final History history = new History();

	private final Lock lock = new Lock();

	private final Retry retry = new Retry();

	private final Health health = new Health();

	@NestedConfigurationProperty
	private final LintProperties lint = new LintProperties();

	public List<String> getSecretPlaceholders() {
		return this.secretPlaceholders;
	}

	public void setSecretPlaceholders(List<String> secretPlaceholders) {
		this.secretPlaceholders = secretPlaceholders;
	}

	public int getBackfillParallelism() {
		return this.backfillParallelism;
	}

	public void setBackfillParallelism(int backfillParallelism) {
		this.backfillParallelism = backfillParallelism;
	}

	public long getBackfillRowsPerSecond() {
		return this.backfillRowsPerSecond;
	}

	public void setBackfillRowsPerSecond(long backfillRowsPerSecond) {
		this.backfillRowsPerSecond = backfillRowsPerSecond;
	}

	public int getParallelism() {
		return this.parallelism;
	}

	public void setParallelism(int parallelism) {
		this.parallelism = parallelism;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getLocations() {
		return this.locations;
	}

	public void setLocations(List<String> locations) {
		this.locations = locations;
	}

	public boolean isFailOnError() {
		return this.failOnError;
	}

	public void setFailOnError(boolean failOnError) {
		this.failOnError = failOnError;
	}

	public boolean isRollbackEnabled() {
		return this.rollbackEnabled;
	}

	public void setRollbackEnabled(boolean rollbackEnabled) {
		this.rollbackEnabled = rollbackEnabled;
	}

	public Map<String, String> getPlaceholders() {
		return this.placeholders;
	}

	public void setPlaceholders(Map<String, String> placeholders) {
		this.placeholders = placeholders;
	}

	public Map<String, DatabaseProperties> getDatabases() {
		return this.databases;
	}

	public void setDatabases(Map<String, DatabaseProperties> databases) {
		this.databases = databases;
	}

	public History getHistory() {
		return this.history;
	}

	public Lock getLock() {
		return this.lock;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Health getHealth() {
		return this.health;
	}

	public LintProperties getLint() {
		return this.lint;
	}

	/** The history table of each database. */
	public static class History {

		/** Name of the history table, created when first needed. */
		private String table = "clickhouse_migrations";

		/** Database that holds the history table; the connection's database when not set. */
		private String database;

		/** Full ENGINE clause of the history table; MergeTree, or ReplicatedMergeTree with a cluster, when not set. */
		private String engine;

		public String getTable() {
			return this.table;
		}

		public void setTable(String table) {
			this.table = table;
		}

		public String getDatabase() {
			return this.database;
		}

		public void setDatabase(String database) {
			this.database = database;
		}

		public String getEngine() {
			return this.engine;
		}

		public void setEngine(String engine) {
			this.engine = engine;
		}

	}

	/** How long ClickHouse is waited for when it asks to (a replicated server's refusals, a failing mutation). */
	public static class Retry {

		/** How many times a statement that ClickHouse refused before running it (517, 242, 252, 202, 473, 286) is sent again. */
		private int attempts = 5;

		/** Longest wait in all for one refused statement, and how long a failing mutation is given without progress. */
		private Duration maxWait = Duration.ofSeconds(30);

		public int getAttempts() {
			return this.attempts;
		}

		public void setAttempts(int attempts) {
			this.attempts = attempts;
		}

		public Duration getMaxWait() {
			return this.maxWait;
		}

		public void setMaxWait(Duration maxWait) {
			this.maxWait = maxWait;
		}

	}

	/** The health contributor. */
	public static class Health {

		/** How long the state the health contributor reports is kept before it is read again. */
		private Duration cache = Duration.ofSeconds(10);

		public Duration getCache() {
			return this.cache;
		}

		public void setCache(Duration cache) {
			this.cache = cache;
		}

	}

	/** The lock that makes instances take turns. */
	public static class Lock {

		/** Kind of lock: auto (keeper-map for databases with a cluster, else table), table or keeper-map. */
		private LockType type = LockType.AUTO;

		/** Path of the KeeperMap lock below the server's keeper_map_path_prefix. */
		private String keeperPath = "/clickhouse_migrations_locks";

		/** How long an instance waits for another one that is migrating the same database. */
		private Duration wait = Duration.ofMinutes(5);

		/** How long a lock holder that stopped renewing (crashed) keeps the lock. */
		private Duration lease = Duration.ofSeconds(30);

		public LockType getType() {
			return this.type;
		}

		public void setType(LockType type) {
			this.type = type;
		}

		public String getKeeperPath() {
			return this.keeperPath;
		}

		public void setKeeperPath(String keeperPath) {
			this.keeperPath = keeperPath;
		}

		public Duration getWait() {
			return this.wait;
		}

		public void setWait(Duration wait) {
			this.wait = wait;
		}

		public Duration getLease() {
			return this.lease;
		}

		public void setLease(Duration lease) {
			this.lease = lease;
		}

	}

	/** Kinds of lock. */
	public enum LockType {

		/** KeeperMap for a database with a cluster, a lock table otherwise. */
		AUTO,

		/** A lock table: for a single server. */
		TABLE,

		/** A KeeperMap table in Keeper: for clusters, or servers that share a Keeper. */
		KEEPER_MAP

	}

}
