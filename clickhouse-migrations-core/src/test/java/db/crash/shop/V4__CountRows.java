package db.crash.shop;

import java.util.List;

import org.clickhousemigrations.ClickHouseMigration;
import org.clickhousemigrations.Operation;
import org.clickhousemigrations.Operations;

/** A Java step between SQL migrations, for the crash tests. */
public class V4__CountRows implements ClickHouseMigration {

	@Override
	public List<Operation> operations() {
		return List.of(Operations.createTable("counts", "n UInt64", "MergeTree ORDER BY n"),
				Operations.java("count the rows of s",
						(context) -> context.jdbc().update("INSERT INTO counts SELECT count() FROM s"), null));
	}

}
