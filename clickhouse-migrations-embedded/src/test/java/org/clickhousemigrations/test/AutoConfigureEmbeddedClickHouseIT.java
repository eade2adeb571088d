package org.clickhousemigrations.test;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@AutoConfigureEmbeddedClickHouse(databases = "reporting")
class AutoConfigureEmbeddedClickHouseIT {

	@Autowired
	JdbcTemplate jdbc;

	@Value("${spring.datasource.url}")
	String url;

	@Value("${clickhouse.migrations.databases.reporting.url}")
	String reportingUrl;

	@Test
	void dataSourcePointsAtAFreshDatabaseOnTheSharedServer() {
		String database = this.jdbc.queryForObject("SELECT currentDatabase()", String.class);
		assertThat(database).startsWith("app_");
		assertThat(this.url).isEqualTo(EmbeddedClickHouse.shared().jdbcUrl(database));
		assertThat(this.jdbc.queryForObject("SELECT count() FROM system.tables WHERE database = currentDatabase()",
				Integer.class)).isZero();
	}

	@Test
	void extraDatabasesGetTheirOwnUrl() {
		String reporting = this.reportingUrl.substring(this.reportingUrl.lastIndexOf('/') + 1);
		assertThat(reporting).startsWith("reporting_");
		assertThat(EmbeddedClickHouse.shared().query("EXISTS DATABASE " + reporting).trim()).isEqualTo("1");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class })
	static class Config {

	}

}
