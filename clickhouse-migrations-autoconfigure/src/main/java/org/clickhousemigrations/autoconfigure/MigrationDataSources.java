package org.clickhousemigrations.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.clickhousemigrations.autoconfigure.ClickHouseMigrationsProperties.Database;
import org.clickhousemigrations.model.MigrationDatabase;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.StringUtils;

/**
 * The databases of {@code clickhouse.migrations.databases}, or the application's DataSource as
 * database {@code default}. Owns the small connection pools it opens for databases given by URL,
 * and closes them with the application context.
 */
public class MigrationDataSources implements DisposableBean {

	/** The name of the one database when none are configured. */
	public static final String DEFAULT_DATABASE = "default";

	private final List<MigrationDatabase> databases = new ArrayList<>();

	private final List<HikariDataSource> owned = new ArrayList<>();

	MigrationDataSources(ClickHouseMigrationsProperties properties, BeanFactory beanFactory,
			ObjectProvider<DataSource> applicationDataSource) {
		if (properties.getDatabases().isEmpty()) {
			DataSource dataSource = applicationDataSource.getIfUnique();
			if (dataSource == null) {
				throw new IllegalStateException("ClickHouse migrations need a DataSource: define one (spring.datasource.*)"
						+ " or configure clickhouse.migrations.databases.<name>.url");
			}
			this.databases.add(MigrationDatabase.of(DEFAULT_DATABASE, dataSource));
			return;
		}
		properties.getDatabases().forEach((name, database) -> this.databases.add(new MigrationDatabase(name,
				dataSource(name, database, beanFactory), database.isMigrate(), database.isReadonly(),
				database.getModules(), StringUtils.hasText(database.getCluster()) ? database.getCluster() : null,
				database.getPlaceholders())));
	}

	public List<MigrationDatabase> databases() {
		return this.databases;
	}

	private DataSource dataSource(String name, Database database, BeanFactory beanFactory) {
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
