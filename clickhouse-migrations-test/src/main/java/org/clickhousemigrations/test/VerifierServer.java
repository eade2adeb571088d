package org.clickhousemigrations.test;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The ClickHouse {@link MigrationsVerifier} works on: a JDBC URL, its user, and the HTTP address a
 * {@link FaultProxy} can stand in front of. Each run gets a database of its own.
 */
final class VerifierServer {

	private static final Pattern URL = Pattern.compile("(jdbc:(?:clickhouse|ch)(?::https?)?://[^/?]+)(/[^?]*)?(\\?.*)?");

	private final String root;

	private final String parameters;

	private final String username;

	private final String password;

	private VerifierServer(String url, String username, String password) {
		Matcher matcher = URL.matcher(url);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("MigrationsVerifier needs a ClickHouse JDBC URL "
					+ "(jdbc:clickhouse:http://host:port/database), not " + url);
		}
		this.root = matcher.group(1);
		this.parameters = (matcher.group(3) != null) ? matcher.group(3) : "";
		this.username = username;
		this.password = password;
	}

	static VerifierServer of(EmbeddedClickHouse clickHouse) {
		return new VerifierServer(clickHouse.jdbcUrl("default"), clickHouse.username(), clickHouse.password());
	}

	/**
	 * The server of a DataSource that says its URL, user and password as bean properties (HikariCP,
	 * Spring's DriverManagerDataSource and SimpleDriverDataSource do).
	 */
	static VerifierServer of(DataSource dataSource) {
		BeanWrapper bean = PropertyAccessorFactory.forBeanPropertyAccess(dataSource);
		String url = property(bean, "jdbcUrl", "url");
		String username = property(bean, "username", "user");
		if (url == null || username == null) {
			throw new IllegalArgumentException("MigrationsVerifier.on(DataSource) needs a DataSource that says its URL "
					+ "and user (HikariDataSource, DriverManagerDataSource, SimpleDriverDataSource); "
					+ dataSource.getClass().getName() + " does not");
		}
		return new VerifierServer(url, username, property(bean, "password"));
	}

	/** A database of its own, {@code <prefix>_<random>}. */
	String createDatabase(String prefix) {
		String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		execute("CREATE DATABASE " + name);
		return name;
	}

	void dropDatabase(String name) {
		execute("DROP DATABASE IF EXISTS " + name);
	}

	DataSource dataSource(String database) {
		return new DriverManagerDataSource(this.root + "/" + database + this.parameters, this.username,
				(this.password != null) ? this.password : "");
	}

	/** The same database through a proxy that breaks answers. */
	DataSource dataSource(FaultProxy proxy, String database) {
		return new DriverManagerDataSource(proxy.jdbcUrl(database), this.username,
				(this.password != null) ? this.password : "");
	}

	/** The HTTP address for a {@link FaultProxy}. */
	URI http() {
		String address = this.root.substring(this.root.indexOf("//") + 2);
		if (this.root.toLowerCase(Locale.ROOT).contains(":https:") || this.parameters.contains("ssl=true")) {
			throw new IllegalArgumentException("the crash and lost-answer checks put a proxy in front of ClickHouse's "
					+ "HTTP port, which cannot be done over TLS: run them on a server reached over plain HTTP");
		}
		return URI.create("http://" + address);
	}

	private void execute(String sql) {
		try (Connection connection = dataSource("default").getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("MigrationsVerifier could not run " + sql + ": " + ex.getMessage(), ex);
		}
	}

	private static String property(BeanWrapper bean, String... names) {
		for (String name : names) {
			if (bean.isReadableProperty(name) && bean.getPropertyValue(name) != null) {
				return String.valueOf(bean.getPropertyValue(name));
			}
		}
		return null;
	}

}
