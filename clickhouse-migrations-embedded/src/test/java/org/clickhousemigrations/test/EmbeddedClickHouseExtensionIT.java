package org.clickhousemigrations.test;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(EmbeddedClickHouseExtension.class)
class EmbeddedClickHouseExtensionIT {

	private final EmbeddedClickHouse fromConstructor;

	EmbeddedClickHouseExtensionIT(EmbeddedClickHouse clickHouse) {
		this.fromConstructor = clickHouse;
	}

	@Test
	void injectsTheSharedServer(EmbeddedClickHouse clickHouse) {
		assertThat(clickHouse).isSameAs(this.fromConstructor).isSameAs(EmbeddedClickHouse.shared());
		assertThat(clickHouse.query("SELECT version()")).startsWith("2");
	}

}
