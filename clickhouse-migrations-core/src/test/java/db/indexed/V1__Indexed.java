package db.indexed;

import java.util.List;

import org.clickhousemigrations.ClickHouseMigration;
import org.clickhousemigrations.Operation;
import org.clickhousemigrations.Operations;

/** A Java migration found through the index of migration classes, as in a native image. */
public class V1__Indexed implements ClickHouseMigration {

	@Override
	public List<Operation> operations() {
		return List.of(Operations.sql("CREATE TABLE IF NOT EXISTS indexed (id UInt8) ENGINE = MergeTree ORDER BY id",
				"DROP TABLE IF EXISTS indexed"));
	}

}
