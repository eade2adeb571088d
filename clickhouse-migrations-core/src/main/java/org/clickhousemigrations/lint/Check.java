package org.clickhousemigrations.lint;

/** One group of lint rules: reports, through the context, what a statement would do. */
@FunctionalInterface
interface Check {

	void check(LintStatement statement, LintContext context);

}
