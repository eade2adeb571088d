package org.clickhousemigrations.diff;

import java.util.concurrent.atomic.AtomicLong;

import db.declared.shop.schema.PageView;
import org.clickhousemigrations.schema.ClickHouseTable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DeclaredTablesTests {

	@Test
	void everyMappedJavaTypeHasItsClickHouseType() {
		assertThat(DeclaredTables.createTable(PageView.class)).isEqualTo("CREATE TABLE `page_view` ("
				+ "`site_id` Int64, `at` DateTime64(3, 'UTC'), `visitor_id` UUID, `url` String, "
				+ "`referrer` LowCardinality(String) COMMENT 'where it came from', `duration_ms` Int32, `status` Int16, "
				+ "`flags` Int8, `score` Float64, `ratio` Float32, `bounced` Bool, `scroll_percent` Nullable(Int32), "
				+ "`campaign` Nullable(String), `revenue` Decimal(38, 10), `day` Date32, `local_time` DateTime64(3), "
				+ "`device` Enum8('DESKTOP' = 1, 'PHONE' = 2, 'TABLET' = 3), `tags` Array(String), "
				+ "`counters` Map(String, Int64), `location` Tuple(country String, latitude Float64, longitude Float64), "
				+ "`received_at` DateTime64(6, 'UTC') DEFAULT now64(6) CODEC(Delta, ZSTD(1)), "
				+ "`host` String MATERIALIZED domain(url)) ENGINE = MergeTree PARTITION BY toYYYYMM(at) "
				+ "ORDER BY (site_id, at) TTL at + INTERVAL 1 YEAR SETTINGS index_granularity = 4096 "
				+ "COMMENT 'one row per page view'");
	}

	@Test
	void classesWithFieldsAreDeclarationsToo() {
		assertThat(DeclaredTables.createTable(Counter.class))
			.isEqualTo("CREATE TABLE `counters` (`name` String, `value` Int64) ENGINE = SummingMergeTree ORDER BY name");
	}

	@Test
	void typeWithoutAClickHouseTypeIsNamedWithTheFix() {
		assertThatIllegalArgumentException().isThrownBy(() -> DeclaredTables.createTable(Unmapped.class))
			.withMessageContaining("Unmapped.value is a java.util.concurrent.atomic.AtomicLong")
			.withMessageContaining("@ClickHouseColumn(type = \"...\")");
	}

	@Test
	void namesBecomeSnakeCase() {
		assertThat(DeclaredTables.snakeCase("PageView")).isEqualTo("page_view");
		assertThat(DeclaredTables.snakeCase("userID")).isEqualTo("user_id");
		assertThat(DeclaredTables.snakeCase("HTTPStatus")).isEqualTo("http_status");
	}

	@ClickHouseTable(name = "counters", engine = "SummingMergeTree", orderBy = "name")
	static class Counter {

		static final String IGNORED = "constants are no columns";

		String name;

		long value;

	}

	@ClickHouseTable
	record Unmapped(AtomicLong value) {
	}

}
