package org.clickhousemigrations.autoconfigure.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.DatabaseReport;
import org.clickhousemigrations.MigrationsReport;
import org.clickhousemigrations.model.DatabaseStatus;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/** Probes come often: the state is read at most once per cache period. */
class ClickHouseMigrationsHealthIndicatorTests {

	private final ClickHouseMigrations migrations = mock(ClickHouseMigrations.class);

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-02T10:00:00Z"));

	private final Clock clock = new Clock() {

		@Override
		public Instant instant() {
			return ClickHouseMigrationsHealthIndicatorTests.this.now.get();
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	};

	@Test
	void probesWithinTheCachePeriodReadTheStateOnce() {
		given(this.migrations.info()).willReturn(report(DatabaseStatus.UP_TO_DATE));
		ClickHouseMigrationsHealthIndicator health = new ClickHouseMigrationsHealthIndicator(this.migrations,
				Duration.ofSeconds(10), this.clock);
		for (int probe = 0; probe < 20; probe++) {
			assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
			this.now.set(this.now.get().plusMillis(400));
		}
		verify(this.migrations, times(1)).info();
	}

	@Test
	void aStaleStateIsReadAgainAndAFailureTurnsItDown() {
		given(this.migrations.info()).willReturn(report(DatabaseStatus.UP_TO_DATE), report(DatabaseStatus.FAILED));
		ClickHouseMigrationsHealthIndicator health = new ClickHouseMigrationsHealthIndicator(this.migrations,
				Duration.ofSeconds(10), this.clock);
		assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
		this.now.set(this.now.get().plusSeconds(10));
		assertThat(health.health(true).getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.health(true).getDetails()).containsEntry("databases", Map.of("main", "FAILED"));
		verify(this.migrations, times(2)).info();
	}

	private static MigrationsReport report(DatabaseStatus status) {
		DatabaseReport report = new DatabaseReport("main", true, false, status, "db.clickhouse_migrations", List.of(),
				null, null);
		Map<String, DatabaseReport> reports = new LinkedHashMap<>();
		reports.put("main", report);
		return new MigrationsReport(reports);
	}

}
