package org.clickhousemigrations.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a ClickHouse table as a Java class or record in the package
 * {@code db.clickhouse.<module>.schema}: its fields are the columns, typed from their Java types
 * (see {@link ClickHouseColumn} to choose otherwise), and {@code diff} / {@code generate
 * --from=schema} compare it with what the module's migrations make.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ClickHouseTable {

	/** The table name; the class name in snake case when empty ({@code PageView} is {@code page_view}). */
	String name() default "";

	/** The engine, e.g. {@code MergeTree} or {@code ReplacingMergeTree(version)}. */
	String engine() default "MergeTree";

	/** The sorting key expression, e.g. {@code (user_id, at)}; {@code tuple()} when empty. */
	String orderBy() default "";

	/** The partition key expression; none when empty. */
	String partitionBy() default "";

	/** The primary key expression, when it is not the sorting key. */
	String primaryKey() default "";

	/** The table TTL expression; none when empty. */
	String ttl() default "";

	/** Table settings, each {@code name = value}. */
	String[] settings() default {};

	/** The table comment. */
	String comment() default "";

}
