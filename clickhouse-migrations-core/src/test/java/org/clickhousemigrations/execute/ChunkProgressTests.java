package org.clickhousemigrations.execute;

import java.time.Duration;

import org.clickhousemigrations.RunningStatement;
import org.clickhousemigrations.model.MigrationDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** A copy's chunks shown with its running statement, and the rate it keeps to. */
class ChunkProgressTests {

	@Test
	void theRunningStatementShowsTheChunksOfItsCopyUntilTheCopyEnds() {
		ProgressMonitor monitor = new ProgressMonitor(Duration.ofMinutes(1), Duration.ofMinutes(1));
		try (ProgressMonitor.Watch watch = monitor.start(MigrationDatabase.of("main", null), "shop:2", false, 3, 4,
				"-- backfill: by month\nINSERT INTO t SELECT * FROM s", "chm_abc_shop_2_f3_c")) {
			assertThat(monitor.running()).singleElement()
				.satisfies((running) -> assertThat(running.chunks()).isEqualTo(RunningStatement.Chunks.NONE));
			try (ChunkProgress progress = new ChunkProgress("Backfill shop:2 statement 3", "chm_abc_shop_2_f3_c", 6, 2,
					2_000, 0)) {
				progress.done("month = 3", 1_000, System.nanoTime());
				assertThat(monitor.running()).singleElement()
					.satisfies((running) -> assertThat(running.chunks()).isEqualTo(new RunningStatement.Chunks(3, 6,
							3_000)));
			}
			assertThat(monitor.running()).singleElement()
				.satisfies((running) -> assertThat(running.chunks()).isEqualTo(RunningStatement.Chunks.NONE));
		}
	}

	@Test
	void aCopyAheadOfItsRateWaitsUntilItsRowsAreDue() {
		try (ChunkProgress limited = new ChunkProgress("Backfill", "chm_x_c", 4, 1, 10_000, 1_000);
				ChunkProgress free = new ChunkProgress("Backfill", "chm_y_c", 4, 0, 0, 0)) {
			long now = System.nanoTime();
			// The rows of earlier runs do not count: 500 rows this run at 1,000 a second are due after half a second.
			limited.done("a", 500, now);
			free.done("a", 500, now);
			assertThat(limited.waitNanos(now)).isBetween(Duration.ofMillis(400).toNanos(), Duration.ofMillis(500).toNanos());
			assertThat(limited.waitNanos(now + Duration.ofSeconds(1).toNanos())).isZero();
			assertThat(free.waitNanos(now)).isZero();
		}
	}

	@Test
	void limitsOutOfRangeAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CopyLimits(0, 0))
			.withMessage("backfill parallelism must be at least 1, not 0");
		assertThatIllegalArgumentException().isThrownBy(() -> new CopyLimits(1, -1))
			.withMessage("backfill rows per second must be 0 (no limit) or more, not -1");
	}

}
