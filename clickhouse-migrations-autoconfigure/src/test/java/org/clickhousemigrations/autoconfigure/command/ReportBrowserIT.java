package org.clickhousemigrations.autoconfigure.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.clickhousemigrations.autoconfigure.MigrationApps;
import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.EmbeddedClickHouseExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML report of two databases, one with a failed migration and one with drift, opened in a
 * real browser: Debian's Chromium, headless, when it is installed (.ci/run installs it); skipped,
 * with the reason, when it is not. The screenshot is kept in target/ to look at.
 */
@ExtendWith(EmbeddedClickHouseExtension.class)
class ReportBrowserIT {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	@Test
	void theReportRendersInABrowserWithoutFetchingAnything(EmbeddedClickHouse clickHouse, @TempDir Path root)
			throws IOException, InterruptedException {
		Files.createDirectories(root.resolve("events"));
		Files.writeString(root.resolve("events/V1__create_events.sql"),
				"CREATE TABLE events (id UInt64, kind String) ENGINE = MergeTree ORDER BY id;\n"
						+ "INSERT INTO events VALUES (1, 'click');\n");
		Files.writeString(root.resolve("events/V2__add_country.sql"),
				"ALTER TABLE events ADD COLUMN country ${country_type};\nALTER TABLE events ADD COLUMN city String;\n");
		List<String> properties = new ArrayList<>(List.of("clickhouse.migrations.locations=filesystem:" + root,
				"clickhouse.migrations.fail-on-error=false", "clickhouse.migrations.command=migrate"));
		String main = clickHouse.createDatabase("main");
		String broken = clickHouse.createDatabase("broken");
		properties.addAll(database(clickHouse, "main", main, "LowCardinality(String)"));
		properties.addAll(database(clickHouse, "broken", broken, "NoSuchType"));
		MigrationApps.run(clickHouse, main, true, properties.toArray(String[]::new)).close();
		clickHouse.query("ALTER TABLE " + main + ".events ADD COLUMN by_hand UInt8");

		Path report = Path.of("target/clickhouse-migrations-report.html").toAbsolutePath();
		properties.set(2, "clickhouse.migrations.command=report");
		properties.add("clickhouse.migrations.file=" + report);
		MigrationApps.run(clickHouse, main, true, properties.toArray(String[]::new)).close();
		assertThat(MigrationApps.lastExit()).isZero();
		String html = Files.readString(report);
		assertThat(html).contains("<span class=\"badge FAILED\">FAILED</span>")
			.contains("Failed at statement 1 of 2:")
			.contains("as the file has it:</div><pre>ALTER TABLE events ADD COLUMN country ${country_type}</pre>")
			.contains("Drift: events")
			.doesNotContain("<script").doesNotContain("<link").doesNotContain("src=").doesNotContain("url(");

		Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
				"Needs Debian's chromium at " + CHROMIUM + " (apt-get install chromium; .ci/run installs it)");
		Path screenshot = Path.of("target/clickhouse-migrations-report.png").toAbsolutePath();
		Files.deleteIfExists(screenshot);
		Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
				"--hide-scrollbars", "--window-size=1280,1600", "--screenshot=" + screenshot, report.toUri().toString())
			.redirectErrorStream(true)
			.redirectOutput(root.resolve("chromium.log").toFile())
			.start();
		assertThat(chromium.waitFor(60, TimeUnit.SECONDS)).as("chromium ends").isTrue();
		assertThat(chromium.exitValue()).as(Files.readString(root.resolve("chromium.log"))).isZero();
		assertThat(screenshot).exists();
		assertThat(Files.size(screenshot)).as("a page with content, not a blank one").isGreaterThan(20_000);
	}

	private static List<String> database(EmbeddedClickHouse clickHouse, String name, String database, String type) {
		List<String> properties = new ArrayList<>(MigrationApps.database(clickHouse, name, database));
		properties.add("clickhouse.migrations.databases." + name + ".placeholders.country_type=" + type);
		return properties;
	}

}
