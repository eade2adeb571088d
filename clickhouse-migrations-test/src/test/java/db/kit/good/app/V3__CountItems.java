package db.kit.good.app;

import java.util.List;

import org.clickhousemigrations.ClickHouseMigration;
import org.clickhousemigrations.Operation;
import org.clickhousemigrations.Operations;

/** A Java step that is safe to run again: its writes go through the context, their text fixed. */
public class V3__CountItems implements ClickHouseMigration {

	@Override
	public List<Operation> operations() {
		return List.of(Operations.java("count items by name",
				(context) -> context.jdbc().update("INSERT INTO item_counts SELECT name, count() FROM items GROUP BY name"),
				(context) -> context.jdbc().update("TRUNCATE TABLE item_counts")));
	}

}
