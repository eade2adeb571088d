package org.clickhousemigrations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a Java migration: lint rule {@link #rule()} does not apply to its statements, for
 * {@link #reason()}; the report lists the suppression with its reason. In SQL, write
 * {@code -- lint: allow <rule> <reason>} on the line above the statement instead (this works in the
 * SQL of an operation too).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(AllowLint.List.class)
public @interface AllowLint {

	/** The rule id, e.g. {@code drop-table}. */
	String rule();

	/** Why the finding is wanted: shown in the report. */
	String reason();

	/** Several {@link AllowLint}s. */
	@Documented
	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.TYPE)
	@interface List {

		AllowLint[] value();

	}

}
