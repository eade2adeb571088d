package org.clickhousemigrations.autoconfigure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.clickhousemigrations.MigrationDatabaseProvider;

import org.clickhousemigrations.model.MigrationDatabase;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The databases of {@code clickhouse.migrations.databases}, or the application's DataSource as
 * database {@code default}, then those of {@link MigrationDatabaseProvider} beans. Configured
 * databases run by their {@code order}, then in the order they are configured: the order of the
 * lowest-precedence property source that names them (the application's configuration file, not
 * the command line that overrides a URL), so that the order never depends on where a value comes
 * from. Owns the small connection pools it opens for databases given by URL, and closes them with
 * the application context.
 */
public class MigrationDataSources implements DisposableBean {

	/** The name of the one database when none are configured. */
	public static final String DEFAULT_DATABASE = "default";

	private static final ConfigurationPropertyName DATABASES = ConfigurationPropertyName
		.of("clickhouse.migrations.databases");

	private final List<MigrationDatabase> databases = new ArrayList<>();

	private final List<HikariDataSource> owned = new ArrayList<>();

	MigrationDataSources(ClickHouseMigrationsProperties properties, Environment environment, BeanFactory beanFactory,
			ObjectProvider<DataSource> applicationDataSource, List<MigrationDatabaseConnectionDetails> connections,
			List<MigrationDatabaseProvider> providers) {
		Map<String, DatabaseProperties> configuredDatabases = withConnections(properties.getDatabases(), connections);
		if (configuredDatabases.isEmpty()) {
			DataSource dataSource = applicationDataSource.getIfUnique();
			if (dataSource == null && providers.isEmpty()) {
				throw new IllegalStateException("ClickHouse migrations need a DataSource: define one (spring.datasource.*)"
						+ " or configure clickhouse.migrations.databases.<name>.url");
			}
			if (dataSource != null) {
				this.databases.add(MigrationDatabase.of(DEFAULT_DATABASE, dataSource));
			}
		}
		List<String> configured = configurationOrder(environment, configuredDatabases.keySet());
		configuredDatabases.entrySet().stream()
			.sorted(Comparator.comparingInt((Map.Entry<String, DatabaseProperties> entry) -> entry.getValue().getOrder())
				.thenComparingInt((entry) -> configured.indexOf(entry.getKey())))
			.forEach((entry) -> this.databases.add(database(entry.getKey(), entry.getValue(), beanFactory)));
		Set<String> names = new HashSet<>();
		this.databases.forEach((database) -> names.add(database.name()));
		for (MigrationDatabaseProvider provider : providers) {
			for (MigrationDatabase database : provider.databases()) {
				if (!names.add(database.name())) {
					throw new IllegalStateException("Database '" + database.name() + "' of " + provider.getClass().getName()
							+ " has the name of another database; give each a unique name");
				}
				this.databases.add(database);
			}
		}
	}

	// The databases of the properties, with the URL and credentials that connection details give
	// (a database only connection details name is added with the defaults of the rest).
	private static Map<String, DatabaseProperties> withConnections(Map<String, DatabaseProperties> databases,
			List<MigrationDatabaseConnectionDetails> connections) {
		Map<String, DatabaseProperties> all = new LinkedHashMap<>(databases);
		for (MigrationDatabaseConnectionDetails connection : connections) {
			DatabaseProperties database = new DatabaseProperties();
			DatabaseProperties configured = all.get(connection.database());
			if (configured != null) {
				BeanUtils.copyProperties(configured, database);
			}
			database.setUrl(connection.getJdbcUrl());
			database.setUsername(connection.getUsername());
			database.setPassword(connection.getPassword());
			database.setDataSource(null);
			all.put(connection.database(), database);
		}
		return all;
	}

	// The configured names in the order the lowest-precedence property source that names each has
	// them; names no enumerable source lists (rare) keep the binder's order, after the others.
	static List<String> configurationOrder(Environment environment, Set<String> names) {
		List<String> order = new ArrayList<>();
		List<ConfigurationPropertySource> sources = new ArrayList<>();
		ConfigurationPropertySources.get(environment).forEach(sources::add);
		Collections.reverse(sources);
		for (ConfigurationPropertySource source : sources) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.stream()
					.filter((property) -> DATABASES.isAncestorOf(property)
							&& property.getNumberOfElements() > DATABASES.getNumberOfElements())
					.map((property) -> property.getElement(DATABASES.getNumberOfElements(), Form.ORIGINAL))
					.filter((name) -> names.contains(name) && !order.contains(name))
					.forEach(order::add);
			}
		}
		names.stream().filter((name) -> !order.contains(name)).forEach(order::add);
		return order;
	}

	private MigrationDatabase database(String name, DatabaseProperties database, BeanFactory beanFactory) {
		return new MigrationDatabase(name, dataSource(name, database, beanFactory), database.isMigrate(),
				database.isReadonly(), database.getModules(),
				StringUtils.hasText(database.getCluster()) ? database.getCluster() : null, database.getPlaceholders());
	}

	public List<MigrationDatabase> databases() {
		return this.databases;
	}

	private DataSource dataSource(String name, DatabaseProperties database, BeanFactory beanFactory) {
		if (StringUtils.hasText(database.getDataSource())) {
			return beanFactory.getBean(database.getDataSource(), DataSource.class);
		}
		if (!StringUtils.hasText(database.getUrl())) {
			throw new IllegalStateException("Database '" + name + "' needs clickhouse.migrations.databases." + name
					+ ".url or .data-source");
		}
		HikariDataSource pool = new HikariDataSource();
		pool.setPoolName("clickhouse-migrations-" + name);
		pool.setJdbcUrl(database.getUrl());
		pool.setUsername(database.getUsername());
		pool.setPassword(database.getPassword());
		// At most three at once: the statement being run, a history write, and the lock renewal; the
		// fourth spares a migration's wait when a connection is being replaced.
		pool.setMaximumPoolSize(4);
		pool.setMinimumIdle(0);
		// Do not connect before the pool is first used: an unreachable database is reported, not fatal.
		pool.setInitializationFailTimeout(-1);
		this.owned.add(pool);
		return pool;
	}

	@Override
	public void destroy() {
		this.owned.forEach(HikariDataSource::close);
	}

}
