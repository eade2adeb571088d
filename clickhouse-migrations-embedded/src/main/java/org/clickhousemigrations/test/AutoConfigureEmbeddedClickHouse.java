package org.clickhousemigrations.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points a Spring test's {@code spring.datasource.*} at a fresh database on the JVM's shared
 * {@link EmbeddedClickHouse}, and each name of {@link #databases()} at a fresh database of its own,
 * as {@code clickhouse.migrations.databases.<name>.url} / {@code username} / {@code password}.
 * Each Spring test context gets its own databases, so cached contexts do not see each other's data.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureEmbeddedClickHouse {

	/** Extra databases, by the name used under {@code clickhouse.migrations.databases}. */
	String[] databases() default {};

}
