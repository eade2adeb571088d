package org.clickhousemigrations.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryEventTests {

	@Test
	void rowsOfTheFirstVersionSayRepairedForBothRepairs() {
		assertThat(HistoryEvent.read("REPAIRED", 0, 3)).isEqualTo(HistoryEvent.CLEARED);
		assertThat(HistoryEvent.read("REPAIRED", 3, 3)).isEqualTo(HistoryEvent.REALIGNED);
	}

	@Test
	void otherEventsReadAsWritten() {
		assertThat(HistoryEvent.read("CLEARED", 0, 3)).isEqualTo(HistoryEvent.CLEARED);
		assertThat(HistoryEvent.read("ROLLBACK_FAILED", 1, 3)).isEqualTo(HistoryEvent.ROLLBACK_FAILED);
	}

}
