package org.clickhousemigrations.engine;

import java.time.Clock;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.ValidationReport;
import org.clickhousemigrations.diff.Drift;
import org.clickhousemigrations.diff.RememberedSchema;
import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.EmbeddedClickHouseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** Objects changed by hand after a migrate show as drift. */
@ExtendWith(EmbeddedClickHouseExtension.class)
class DriftIT {

	@Test
	void handMadeChangesShowAsDriftUntilAMigrationMakesThem(EmbeddedClickHouse clickHouse) {
		String database = clickHouse.createDatabase("drift");
		ClickHouseMigrations migrations = CrashMain.migrations(clickHouse.jdbcUrl(database), "classpath:db/lost",
				Clock.systemUTC());
		migrations.migrate();
		assertThat(migrations.validate().isValid()).isTrue();
		RememberedSchema remembered = migrations.info("main").schema();
		assertThat(remembered.snapshot()).isEqualTo(1);
		assertThat(remembered.objects()).containsOnlyKeys("t");
		assertThat(remembered.drift()).isEmpty();

		clickHouse.query("ALTER TABLE " + database + ".t ADD COLUMN x UInt8");
		clickHouse.query("CREATE TABLE " + database + ".extra (id UInt8) ENGINE = Memory");
		assertThat(migrations.info("main").drift()).map(Drift::object).containsExactly("t", "extra");
		assertThat(migrations.info("main").drift().get(0).change()).startsWith("changed outside migrations: now ")
			.contains("`x` UInt8");
		assertThat(migrations.validate().problems()).map(ValidationReport.Problem::kind)
			.containsExactly(ValidationReport.Kind.DRIFT, ValidationReport.Kind.DRIFT);
		assertThat(migrations.validate().problems().get(1).message()).isEqualTo("extra created outside migrations");

		clickHouse.query("ALTER TABLE " + database + ".t DROP COLUMN x");
		clickHouse.query("DROP TABLE " + database + ".extra");
		assertThat(migrations.validate().isValid()).isTrue();
		assertThat(migrations.info("main").schema().fingerprint()).isEqualTo(remembered.fingerprint());
	}

	@Test
	void rollbackIsNoDrift(EmbeddedClickHouse clickHouse) {
		String database = clickHouse.createDatabase("rolled");
		ClickHouseMigrations migrations = CrashMain.migrations(clickHouse.jdbcUrl(database));
		migrations.migrate();
		migrations.rollback("main", "shop", "5");
		assertThat(migrations.info("main").drift()).isEmpty();
	}

}
