package db.it.partway.java;

import java.util.List;

import org.clickhousemigrations.ClickHouseMigration;
import org.clickhousemigrations.Operation;
import org.clickhousemigrations.Operations;

/** A Java step whose second write fails while the switch table says so, after its first wrote 5 rows. */
public class V1__TwoWrites implements ClickHouseMigration {

	@Override
	public List<Operation> operations() {
		return List.of(Operations.createTable("j", "n UInt64", "MergeTree ORDER BY n"),
				Operations.java("write five rows, then one more", (context) -> {
					context.jdbc().update("INSERT INTO j SELECT number FROM numbers(5)");
					context.jdbc().update("INSERT INTO j SELECT 100 WHERE throwIf(joinGet('sw', 'fail', toUInt8(0)) = 1) = 0");
				}, null));
	}

}
