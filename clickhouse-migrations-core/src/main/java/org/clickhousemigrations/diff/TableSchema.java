package org.clickhousemigrations.diff;

import java.util.List;
import java.util.Map;

/**
 * A table, view or dictionary as ClickHouse spells it in its system tables, with the name of its
 * database left out of every query so that two databases compare.
 *
 * @param name the table name
 * @param engine the engine name, e.g. {@code MergeTree} or {@code View}
 * @param engineClause the engine with its keys, without TTL and settings
 * @param ttl the table TTL, empty for none
 * @param settings the table settings
 * @param comment the table comment
 * @param asSelect the query of a view, empty otherwise
 * @param createQuery the {@code CREATE} statement, without the database name
 * @param columns in order
 * @param indices data skipping indices
 * @param projections projections by name, with their query
 */
public record TableSchema(String name, String engine, String engineClause, String ttl, Map<String, String> settings,
		String comment, String asSelect, String createQuery, List<ColumnSchema> columns, List<IndexSchema> indices,
		Map<String, String> projections) {

	/** Whether it is a view or a materialized view, which are recreated rather than altered. */
	public boolean isView() {
		return this.engine.equals("View") || this.engine.equals("MaterializedView") || this.engine.equals("LiveView");
	}

	/** A column and how ClickHouse spells its definition. */
	public record ColumnSchema(String name, String type, String defaultKind, String defaultExpression, String codec,
			String comment) {

		/** {@code `name` Type [DEFAULT expr] [CODEC(...)] [COMMENT '...']}. */
		public String definition() {
			StringBuilder definition = new StringBuilder(quote(this.name)).append(' ').append(this.type);
			if (!this.defaultKind.isEmpty()) {
				definition.append(' ').append(this.defaultKind).append(' ').append(this.defaultExpression);
			}
			if (!this.codec.isEmpty()) {
				definition.append(' ').append(this.codec);
			}
			if (!this.comment.isEmpty()) {
				definition.append(" COMMENT ").append(literal(this.comment));
			}
			return definition.toString();
		}

		/** The same column but for its comment. */
		boolean sameButComment(ColumnSchema other) {
			return this.type.equals(other.type) && this.defaultKind.equals(other.defaultKind)
					&& this.defaultExpression.equals(other.defaultExpression) && this.codec.equals(other.codec);
		}

	}

	/** A data skipping index. */
	public record IndexSchema(String name, String expression, String type, long granularity) {

		public String definition() {
			return quote(this.name) + " " + this.expression + " TYPE " + this.type + " GRANULARITY " + this.granularity;
		}

	}

	static String quote(String name) {
		return org.clickhousemigrations.sql.Identifiers.quote(name);
	}

	static String literal(String value) {
		return org.clickhousemigrations.sql.Identifiers.literal(value);
	}

}
