package org.clickhousemigrations.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One database to migrate: {@code clickhouse.migrations.databases.<name>.*}. */
public class DatabaseProperties {

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
