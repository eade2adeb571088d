package org.clickhousemigrations.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.clickhousemigrations.ClickHouseMigrationRouter;
import org.clickhousemigrations.LintSettings;
import org.clickhousemigrations.MigrationListener;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.diff.SchemaSnapshots;
import org.clickhousemigrations.execute.CopyLimits;
import org.clickhousemigrations.execute.ExecutionTargetFactory;
import org.clickhousemigrations.execute.JdbcExecutionTargetFactory;
import org.clickhousemigrations.execute.ProgressMonitor;
import org.clickhousemigrations.execute.Retry;
import org.clickhousemigrations.history.ClickHouseMigrationHistory;
import org.clickhousemigrations.history.MigrationHistory;
import org.clickhousemigrations.lint.Linter;
import org.clickhousemigrations.lock.ClusterAwareMigrationLock;
import org.clickhousemigrations.lock.KeeperMapMigrationLock;
import org.clickhousemigrations.lock.MigrationLock;
import org.clickhousemigrations.lock.TableMigrationLock;
import org.clickhousemigrations.model.MigrationDatabase;
import org.clickhousemigrations.resolve.JavaMigrationFactory;
import org.clickhousemigrations.resolve.MigrationResolver;

import org.springframework.util.function.SingletonSupplier;

/**
 * The one way to build the engine, with Spring Boot or without. Every part has a default: the
 * migrations of {@code classpath:db/clickhouse}, the history table {@code clickhouse_migrations}, a
 * lock that is a table on one server and a KeeperMap with a cluster, statements run over JDBC.
 * Only the databases are required:
 *
 * <pre class="code">
 * ClickHouseMigrations migrations = DefaultClickHouseMigrations.builder()
 *     .database("main", dataSource)
 *     .locations("classpath:db/clickhouse")
 *     .placeholders(Map.of("ttl_days", "30"))
 *     .build();
 * migrations.migrate();
 * </pre>
 */
public final class ClickHouseMigrationsBuilder {

	private static final String DEFAULT_TABLE = "clickhouse_migrations";

	final List<MigrationDatabase> databases = new ArrayList<>();

	private List<String> locations = List.of("classpath:db/clickhouse");

	private ClassLoader classLoader = ClickHouseMigrationsBuilder.class.getClassLoader();

	private JavaMigrationFactory javaMigrationFactory = JavaMigrationFactory.REFLECTION;

	private Supplier<List<ResolvedMigration>> migrations;

	private String historyTable = DEFAULT_TABLE;

	private String historyDatabase;

	private MigrationHistory history;

	private MigrationLock lock;

	private Duration lockWait = Duration.ofMinutes(5);

	private Duration lockLease = Duration.ofSeconds(30);

	ClickHouseMigrationRouter router;

	private ExecutionTargetFactory targets;

	private Map<String, String> placeholders = Map.of();

	private Set<String> secretPlaceholders = Set.of();

	private Retry retry = Retry.DEFAULT;

	final List<MigrationListener> listeners = new ArrayList<>();

	private boolean rememberSchema = true;

	private SchemaSnapshots snapshots;

	boolean rollbackEnabled = true;

	int parallelism = 1;

	private LintSettings lint = LintSettings.DEFAULTS;

	private CopyLimits copyLimits = CopyLimits.DEFAULTS;

	private Duration progressAfter = Duration.ofSeconds(5);

	private Duration progressEvery = Duration.ofSeconds(5);

	ClickHouseMigrationsBuilder() {
	}

	/** Adds a database, migrated after those added before it. */
	public ClickHouseMigrationsBuilder database(MigrationDatabase database) {
		this.databases.add(database);
		return this;
	}

	/** Adds a database that runs every module, with no cluster and no placeholders of its own. */
	public ClickHouseMigrationsBuilder database(String name, DataSource dataSource) {
		return database(MigrationDatabase.of(name, dataSource));
	}

	/** Adds databases, in order. */
	public ClickHouseMigrationsBuilder databases(Collection<MigrationDatabase> databases) {
		this.databases.addAll(databases);
		return this;
	}

	/** Where migrations are found ({@code classpath:} or {@code filesystem:} roots of module folders). */
	public ClickHouseMigrationsBuilder locations(String... locations) {
		return locations(List.of(locations));
	}

	/** Where migrations are found. */
	public ClickHouseMigrationsBuilder locations(List<String> locations) {
		this.locations = List.copyOf(locations);
		return this;
	}

	/** The class loader that finds classpath migrations and Java migration classes. */
	public ClickHouseMigrationsBuilder classLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
		return this;
	}

	/** How Java migrations are made (reflection by default; a Spring context injects their constructors). */
	public ClickHouseMigrationsBuilder javaMigrationFactory(JavaMigrationFactory javaMigrationFactory) {
		this.javaMigrationFactory = javaMigrationFactory;
		return this;
	}

	/** The migrations themselves, in run order, instead of finding them in {@link #locations}. */
	public ClickHouseMigrationsBuilder migrations(Supplier<List<ResolvedMigration>> migrations) {
		this.migrations = migrations;
		return this;
	}

	/**
	 * The history table, and the database that holds it ({@code null}: the connection's); the lock and
	 * schema snapshot tables are named after it.
	 */
	public ClickHouseMigrationsBuilder historyTable(String table, String database) {
		this.historyTable = table;
		this.historyDatabase = database;
		return this;
	}

	/** A history of one's own, instead of the table. */
	public ClickHouseMigrationsBuilder history(MigrationHistory history) {
		this.history = history;
		return this;
	}

	/** A lock of one's own. */
	public ClickHouseMigrationsBuilder lock(MigrationLock lock) {
		this.lock = lock;
		return this;
	}

	/** How long an instance waits for the lock, and how long a crashed holder keeps it. */
	public ClickHouseMigrationsBuilder lockTimes(Duration wait, Duration lease) {
		this.lockWait = wait;
		this.lockLease = lease;
		return this;
	}

	/** Which migrations may run where; all everywhere by default. */
	public ClickHouseMigrationsBuilder router(ClickHouseMigrationRouter router) {
		this.router = router;
		return this;
	}

	/** Where statements run, instead of JDBC connections of the databases. */
	public ClickHouseMigrationsBuilder targets(ExecutionTargetFactory targets) {
		this.targets = targets;
		return this;
	}

	/** The global placeholders. */
	public ClickHouseMigrationsBuilder placeholders(Map<String, String> placeholders) {
		this.placeholders = Map.copyOf(placeholders);
		return this;
	}

	/** Placeholders whose values are shown nowhere, besides those secret by their name. */
	public ClickHouseMigrationsBuilder secretPlaceholders(Collection<String> names) {
		this.secretPlaceholders = Set.copyOf(names);
		return this;
	}

	/** How long ClickHouse is waited for when it asks to. */
	public ClickHouseMigrationsBuilder retry(Retry retry) {
		this.retry = retry;
		return this;
	}

	/** Adds a listener, told of each migration run. */
	public ClickHouseMigrationsBuilder listener(MigrationListener listener) {
		this.listeners.add(listener);
		return this;
	}

	/** Adds listeners. */
	public ClickHouseMigrationsBuilder listeners(Collection<? extends MigrationListener> listeners) {
		this.listeners.addAll(listeners);
		return this;
	}

	/** Whether the schema each migrate leaves is kept beside the history, to tell drift (default true). */
	public ClickHouseMigrationsBuilder rememberSchema(boolean rememberSchema) {
		this.rememberSchema = rememberSchema;
		return this;
	}

	/** Whether rollback may run (default true). */
	public ClickHouseMigrationsBuilder rollbackEnabled(boolean rollbackEnabled) {
		this.rollbackEnabled = rollbackEnabled;
		return this;
	}

	/** How many databases migrate at the same time (default 1). */
	public ClickHouseMigrationsBuilder parallelism(int parallelism) {
		if (parallelism < 1) {
			throw new IllegalArgumentException("parallelism must be 1 or more, not " + parallelism);
		}
		this.parallelism = parallelism;
		return this;
	}

	/** After how long a statement is watched, and how often its progress is logged then (5 s and 5 s). */
	public ClickHouseMigrationsBuilder progress(Duration after, Duration every) {
		this.progressAfter = after;
		this.progressEvery = every;
		return this;
	}

	/** How many chunks of a backfill are copied at once (2 unless set); each holds its rows in memory until written. */
	public ClickHouseMigrationsBuilder backfillParallelism(int backfillParallelism) {
		this.copyLimits = new CopyLimits(backfillParallelism, this.copyLimits.rowsPerSecond());
		return this;
	}

	/**
	 * The most rows a second a backfill or a live copy writes, waiting between chunks when ahead (0,
	 * unless set: no limit).
	 */
	public ClickHouseMigrationsBuilder backfillRowsPerSecond(long rowsPerSecond) {
		this.copyLimits = new CopyLimits(this.copyLimits.parallelism(), rowsPerSecond);
		return this;
	}

	/** How lint checks migrations, and what a migrate does with it first; {@link LintSettings#DEFAULTS} unless set. */
	public ClickHouseMigrationsBuilder lint(LintSettings lint) {
		this.lint = Objects.requireNonNull(lint, "lint");
		return this;
	}

	/** The engine. */
	public DefaultClickHouseMigrations build() {
		return new DefaultClickHouseMigrations(this);
	}

	Supplier<List<ResolvedMigration>> migrations() {
		if (this.migrations != null) {
			return this.migrations;
		}
		MigrationResolver resolver = new MigrationResolver(this.locations, this.classLoader, this.javaMigrationFactory);
		// Found once, when first needed: a boot with nothing pending reads the classpath once.
		return SingletonSupplier.of(resolver::resolve);
	}

	MigrationHistory history() {
		if (this.history == null) {
			this.history = new ClickHouseMigrationHistory(this.historyTable, this.historyDatabase, null);
		}
		return this.history;
	}

	MigrationLock lock() {
		if (this.lock != null) {
			return this.lock;
		}
		String table = this.historyTable + "_lock";
		return new ClusterAwareMigrationLock(
				new TableMigrationLock(table, this.historyDatabase, this.lockWait, this.lockLease),
				new KeeperMapMigrationLock(table + "_keeper", "/clickhouse_migrations_locks", this.lockWait,
						this.lockLease));
	}

	ExecutionTargetFactory targets() {
		return (this.targets != null) ? this.targets
				: new JdbcExecutionTargetFactory(history(), this.placeholders, this.retry, this.secretPlaceholders,
						this.copyLimits);
	}

	SchemaSnapshots snapshots() {
		return this.rememberSchema ? new SchemaSnapshots(this.historyTable) : null;
	}

	Linter linter() {
		return new Linter(this.lint, this.classLoader);
	}

	ProgressMonitor progressMonitor() {
		return new ProgressMonitor(this.progressAfter, this.progressEvery);
	}

}
