package org.clickhousemigrations.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


import org.springframework.boot.context.properties.ConfigurationProperties;

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
	private Map<String, Database> databases = new LinkedHashMap<>();

	/** Placeholders whose values are shown nowhere, besides those whose names contain password, secret, token, credential or key. */
	private List<String> secretPlaceholders = new ArrayList<>();

	/** How many databases migrate at the same time, each under its own lock. */
	private int parallelism = 1;

	private final History history = new History();

	private final Lock lock = new Lock();

	private final Retry retry = new Retry();

	private final Health health = new Health();

	public List<String> getSecretPlaceholders() {
		return this.secretPlaceholders;
	}

	public void setSecretPlaceholders(List<String> secretPlaceholders) {
		this.secretPlaceholders = secretPlaceholders;
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

	public Map<String, Database> getDatabases() {
		return this.databases;
	}

	public void setDatabases(Map<String, Database> databases) {
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

	/** One database to migrate. */
	public static class Database {

		/** JDBC URL of the database; it gets its own connection pool. */
		private String url;

		/** User to connect as, with url. */
		private String username;

		/** Password of the user, with url. */
		private String password;

		/** Name of an existing DataSource bean to use instead of url. */
		private String dataSource;

		/** Whether to migrate this database; false: never migrated, reported as disabled. */
		private boolean migrate = true;

		/** Whether nothing may ever be written to this database; its history is only read. */
		private boolean readonly = false;

		/** Modules that apply to this database; all when empty. */
		private List<String> modules = new ArrayList<>();

		/** Cluster for ON CLUSTER in DDL helpers, ${on_cluster} and the history table. */
		private String cluster;

		/** Placeholders of this database, over the global ones. */
		private Map<String, String> placeholders = new LinkedHashMap<>();

		/** Databases migrate in ascending order, then in the order they are configured. */
		private int order;

		public int getOrder() {
			return this.order;
		}

		public void setOrder(int order) {
			this.order = order;
		}

		public String getUrl() {
			return this.url;
		}

		public void setUrl(String url) {
			this.url = url;
		}

		public String getUsername() {
			return this.username;
		}

		public void setUsername(String username) {
			this.username = username;
		}

		public String getPassword() {
			return this.password;
		}

		public void setPassword(String password) {
			this.password = password;
		}

		public String getDataSource() {
			return this.dataSource;
		}

		public void setDataSource(String dataSource) {
			this.dataSource = dataSource;
		}

		public boolean isMigrate() {
			return this.migrate;
		}

		public void setMigrate(boolean migrate) {
			this.migrate = migrate;
		}

		public boolean isReadonly() {
			return this.readonly;
		}

		public void setReadonly(boolean readonly) {
			this.readonly = readonly;
		}

		public List<String> getModules() {
			return this.modules;
		}

		public void setModules(List<String> modules) {
			this.modules = modules;
		}

		public String getCluster() {
			return this.cluster;
		}

		public void setCluster(String cluster) {
			this.cluster = cluster;
		}

		public Map<String, String> getPlaceholders() {
			return this.placeholders;
		}

		public void setPlaceholders(Map<String, String> placeholders) {
			this.placeholders = placeholders;
		}

	}

}
