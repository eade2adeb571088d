package org.clickhousemigrations.diff;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.clickhousemigrations.model.Checksums;

/**
 * The schema of a database as the last migrate that changed it left it, and what changed since.
 *
 * @param snapshot the number of the snapshot, counting from 1; 0 when no migrate took one yet
 * @param takenAt when it was taken; {@code null} for none
 * @param objects the fingerprint of each table, view and dictionary, by name
 * @param drift the objects changed outside migrations since
 */
public record RememberedSchema(long snapshot, Instant takenAt, Map<String, String> objects, List<Drift> drift) {

	/** No snapshot yet, or none that could be read. */
	public static final RememberedSchema NONE = new RememberedSchema(0, null, Map.of(), List.of());

	public RememberedSchema {
		objects = Map.copyOf(objects);
		drift = List.copyOf(drift);
	}

	/** One fingerprint of every object's definition; empty for no snapshot. */
	public String fingerprint() {
		if (this.snapshot == 0) {
			return "";
		}
		StringBuilder all = new StringBuilder();
		this.objects.entrySet().stream().sorted(Map.Entry.comparingByKey())
			.forEach((object) -> all.append(object.getKey()).append(' ').append(object.getValue()).append('\n'));
		return Checksums.of(all.toString());
	}

	/** The same snapshot, with no drift told. */
	public RememberedSchema withoutDrift() {
		return new RememberedSchema(this.snapshot, this.takenAt, this.objects, List.of());
	}

}
