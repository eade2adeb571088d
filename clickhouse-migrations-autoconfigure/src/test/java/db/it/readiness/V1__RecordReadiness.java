package db.it.readiness;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.clickhousemigrations.ClickHouseMigration;
import org.clickhousemigrations.Operation;
import org.clickhousemigrations.Operations;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;

/** Records the readiness the application reports while this migration runs. */
public class V1__RecordReadiness implements ClickHouseMigration {

	public static final AtomicReference<ReadinessState> SEEN = new AtomicReference<>();

	private final ApplicationAvailability availability;

	public V1__RecordReadiness(ApplicationAvailability availability) {
		this.availability = availability;
	}

	@Override
	public List<Operation> operations() {
		return List.of(Operations.java("record readiness",
				(context) -> SEEN.set(this.availability.getReadinessState()), null));
	}

}
