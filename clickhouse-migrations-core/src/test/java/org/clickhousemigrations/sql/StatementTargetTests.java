package org.clickhousemigrations.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatementTargetTests {

	@Test
	void insertNamesItsTableAfterComments() {
		StatementTarget target = StatementTarget.of("-- fill\n/* all */ INSERT INTO TABLE events (a) SELECT 1").orElseThrow();
		assertThat(target.kind()).isEqualTo(StatementTarget.Kind.INSERT);
		assertThat(target.qualifiedName("db")).isEqualTo("db.events");
		assertThat(target.mayMutate()).isFalse();
	}

	@Test
	void alterNamesAQuotedDatabaseAndTableAndItsCluster() {
		StatementTarget target = StatementTarget.of("ALTER TABLE `my db`.\"t 1\" ON CLUSTER c UPDATE v = 1 WHERE 1")
			.orElseThrow();
		assertThat(target.kind()).isEqualTo(StatementTarget.Kind.ALTER);
		assertThat(target.qualifiedName("other")).isEqualTo("my db.t 1");
		assertThat(target.onCluster()).isTrue();
		assertThat(target.mayMutate()).isTrue();
	}

	@Test
	void lightweightDeleteMayMutate() {
		StatementTarget target = StatementTarget.of("DELETE FROM IF EXISTS t WHERE id = 1").orElseThrow();
		assertThat(target.kind()).isEqualTo(StatementTarget.Kind.DELETE);
		assertThat(target.table()).isEqualTo("t");
		assertThat(target.onCluster()).isFalse();
	}

	@Test
	void otherStatementsHaveNoTarget() {
		assertThat(StatementTarget.of("CREATE TABLE t (a UInt8) ENGINE = Memory")).isEmpty();
		assertThat(StatementTarget.of("SELECT * FROM t")).isEmpty();
	}

}
