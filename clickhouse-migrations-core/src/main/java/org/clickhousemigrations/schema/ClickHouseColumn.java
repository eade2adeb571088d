package org.clickhousemigrations.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** How a field of a {@link ClickHouseTable} becomes its column, where the defaults are not wanted. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT })
public @interface ClickHouseColumn {

	/** The column name; the field name in snake case when empty ({@code userId} is {@code user_id}). */
	String name() default "";

	/** The ClickHouse type, e.g. {@code DateTime64(6, 'UTC')}; from the Java type when empty. */
	String type() default "";

	/** Wraps the type in {@code LowCardinality(...)}. */
	boolean lowCardinality() default false;

	/** The codec, e.g. {@code ZSTD(3)}. */
	String codec() default "";

	/** A {@code DEFAULT} expression. */
	String defaultExpression() default "";

	/** A {@code MATERIALIZED} expression. */
	String materialized() default "";

	/** An {@code ALIAS} expression. */
	String alias() default "";

	/** The column comment. */
	String comment() default "";

	/**
	 * The name the column had before, when it was renamed: {@code diff} and {@code generate} then
	 * write {@code RENAME COLUMN} rather than dropping the old column and adding a new one. Once every
	 * database has the new name, it can stay or go.
	 */
	String renamedFrom() default "";

}
