package db.it.shop.events;

import java.util.List;

import org.clickhousemigrations.ClickHouseMigration;
import org.clickhousemigrations.Operation;
import org.clickhousemigrations.Operations;

import org.springframework.core.env.Environment;

/** Adds a column and backfills it from invoices; needs billing's first migration. */
public class V0002__AddUserId implements ClickHouseMigration {

	private final Environment environment;

	public V0002__AddUserId(Environment environment) {
		this.environment = environment;
	}

	@Override
	public List<Operation> operations() {
		String user = this.environment.getProperty("shop.backfill-user", "0");
		return List.of(Operations.addColumn("events", "user_id", "UInt64"),
				Operations.java("backfill events from invoices", (context) -> context.jdbc()
					.update("INSERT INTO events (id, at, kind, user_id) SELECT id, now(), ?, " + Long.parseLong(user)
							+ " FROM invoices", context.module()),
						(context) -> context.jdbc().update("ALTER TABLE events DELETE WHERE kind = ?", context.module())));
	}

	@Override
	public List<String> dependsOn() {
		return List.of("billing:0001");
	}

}
