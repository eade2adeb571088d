package db.crash.shop;

import java.util.List;

import org.clickhousemigrations.ClickHouseMigration;
import org.clickhousemigrations.Operation;
import org.clickhousemigrations.Operations;

/**
 * A Java step between SQL migrations, for the crash tests: a read and two writes, so that it can
 * stop between them.
 */
public class V4__CountRows implements ClickHouseMigration {

	@Override
	public List<Operation> operations() {
		return List.of(Operations.createTable("counts", "n UInt64", "MergeTree ORDER BY n"),
				Operations.java("count the rows of s", (context) -> {
					long rows = context.jdbc().queryForObject("SELECT count() FROM s", Long.class);
					context.jdbc().update("INSERT INTO counts VALUES (?)", rows);
					context.jdbc().update("INSERT INTO counts VALUES (?)", rows * 10);
				}, null));
	}

}
