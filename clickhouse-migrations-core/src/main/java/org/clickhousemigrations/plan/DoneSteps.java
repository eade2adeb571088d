package org.clickhousemigrations.plan;

import java.util.List;
import java.util.stream.Collectors;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.model.Checksums;

/** The checksum of the steps a migration had done, to check on resume that they did not change. */
public final class DoneSteps {

	private DoneSteps() {
	}

	public static String checksum(List<MigrationStep> steps, int done) {
		if (done == 0) {
			return "";
		}
		return Checksums.of(steps.subList(0, done).stream().map(MigrationStep::checksumText)
			.collect(Collectors.joining("\n")));
	}

}
