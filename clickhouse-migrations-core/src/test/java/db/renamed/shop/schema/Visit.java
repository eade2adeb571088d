package db.renamed.shop.schema;

import org.clickhousemigrations.schema.ClickHouseColumn;
import org.clickhousemigrations.schema.ClickHouseTable;

/** A table whose column {@code uid} was renamed to {@code user_id}, and widened. */
@ClickHouseTable(orderBy = "id")
public record Visit(long id, @ClickHouseColumn(renamedFrom = "uid") long userId) {
}
