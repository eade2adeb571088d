package db.kit.javastep.app;

import java.util.List;

import org.clickhousemigrations.ClickHouseMigration;
import org.clickhousemigrations.Operation;
import org.clickhousemigrations.Operations;

/** Two inserts of ids counted first: run again after the first insert, it writes other ids. */
public class V2__NextIds implements ClickHouseMigration {

	@Override
	public List<Operation> operations() {
		return List.of(Operations.java("insert the next two ids", (context) -> {
			for (int i = 0; i < 2; i++) {
				Long next = context.jdbc().queryForObject("SELECT count() + 1 FROM t", Long.class);
				context.jdbc().update("INSERT INTO t VALUES (" + next + ")");
			}
		}, (context) -> context.jdbc().update("TRUNCATE TABLE t")));
	}

}
