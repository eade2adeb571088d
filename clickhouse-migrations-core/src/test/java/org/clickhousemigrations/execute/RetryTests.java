package org.clickhousemigrations.execute;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetryTests {

	@Test
	void waitsDoubleFromHalfASecond() {
		Retry retry = new Retry(5, Duration.ofMinutes(1));
		assertThat(retry.before(1, Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
		assertThat(retry.before(2, Duration.ofMillis(500))).isEqualTo(Duration.ofSeconds(1));
		assertThat(retry.before(3, Duration.ofMillis(1500))).isEqualTo(Duration.ofSeconds(2));
		assertThat(retry.before(5, Duration.ofMillis(7500))).isEqualTo(Duration.ofSeconds(8));
	}

	@Test
	void noRetryAfterTheLastAttempt() {
		assertThat(new Retry(2, Duration.ofMinutes(1)).before(3, Duration.ofSeconds(1))).isNull();
		assertThat(new Retry(0, Duration.ofMinutes(1)).before(1, Duration.ZERO)).isNull();
	}

	@Test
	void neverWaitsMoreThanMaxWaitInAll() {
		Retry retry = new Retry(10, Duration.ofSeconds(3));
		assertThat(retry.before(3, Duration.ofMillis(1500))).isEqualTo(Duration.ofMillis(1500));
		assertThat(retry.before(4, Duration.ofSeconds(3))).isNull();
	}

	@Test
	void negativeLimitsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Retry(-1, Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> new Retry(1, Duration.ofSeconds(-1)));
	}

}
