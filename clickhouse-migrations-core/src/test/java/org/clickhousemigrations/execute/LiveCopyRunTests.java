package org.clickhousemigrations.execute;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a live copy goes on from, by what the query log says of earlier attempts and runs. */
class LiveCopyRunTests {

	private static final String PREFIX = "chm_0123456789abcdef_shop_2_f2_l";

	@Test
	void aFreshCopyStartsAtTheFirstBlock() {
		assertThat(LiveCopyRun.Resume.of(List.of())).isEqualTo(new LiveCopyRun.Resume(0, null, false));
	}

	@Test
	void theCopyGoesOnAfterTheHighestRangeThatFinished() {
		LiveCopyRun.Resume resume = LiveCopyRun.Resume.of(List.of(started("0_10"), finished("0_10"), started("10_25"),
				finished("10_25")));
		assertThat(resume).isEqualTo(new LiveCopyRun.Resume(25, PREFIX + "10_25", true));
	}

	@Test
	void aRangeThatDidNotFinishLeavesItsStagedRowsToBeThrownAway() {
		// Killed while range 10-25 ran: its staged rows, if any, are not all of it.
		LiveCopyRun.Resume resume = LiveCopyRun.Resume.of(List.of(started("0_10"), finished("0_10"), started("10_25"),
				failed("10_25")));
		assertThat(resume.copied()).isEqualTo(10);
		assertThat(resume.lastFinished()).isFalse();
		// Sent again with the same range after a failure, and finished: its rows are staged whole.
		assertThat(LiveCopyRun.Resume.of(List.of(started("10_25"), failed("10_25"), started("10_25"),
				finished("10_25")))).isEqualTo(new LiveCopyRun.Resume(25, PREFIX + "10_25", true));
	}

	private static LoggedQuery started(String range) {
		return new LoggedQuery(PREFIX + range, "QueryStart", "", 0, "", 0, 0);
	}

	private static LoggedQuery finished(String range) {
		return new LoggedQuery(PREFIX + range, "QueryFinish", "", 100, "", 0, 0);
	}

	private static LoggedQuery failed(String range) {
		return new LoggedQuery(PREFIX + range, "ExceptionWhileProcessing", "Code: 241", 0, "", 0, 0);
	}

}
