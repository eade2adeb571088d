package org.clickhousemigrations.diff;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.clickhousemigrations.schema.ClickHouseColumn;
import org.clickhousemigrations.schema.ClickHouseTable;

import static org.clickhousemigrations.diff.TableSchema.literal;
import static org.clickhousemigrations.diff.TableSchema.quote;

/**
 * Renders a class or record annotated {@link ClickHouseTable} as its {@code CREATE TABLE}
 * statement. Java types map to the ClickHouse types that hold them: primitives to non-null
 * numbers, their wrappers and {@link Optional} to {@code Nullable}, {@link String}, {@link UUID},
 * {@link BigDecimal} ({@code Decimal(38, 10)}), {@link Instant} ({@code DateTime64(3, 'UTC')}),
 * {@link LocalDate} ({@code Date32}), {@link LocalDateTime} ({@code DateTime64(3)}), enums
 * ({@code Enum8}/{@code Enum16} of their names), {@link List} ({@code Array}), {@link Map} and
 * nested records ({@code Tuple} of named elements). {@link ClickHouseColumn} chooses otherwise.
 */
public final class DeclaredTables {

	private static final Map<Class<?>, String> NUMBERS = Map.ofEntries(Map.entry(byte.class, "Int8"),
			Map.entry(Byte.class, "Int8"), Map.entry(short.class, "Int16"), Map.entry(Short.class, "Int16"),
			Map.entry(int.class, "Int32"), Map.entry(Integer.class, "Int32"), Map.entry(long.class, "Int64"),
			Map.entry(Long.class, "Int64"), Map.entry(float.class, "Float32"), Map.entry(Float.class, "Float32"),
			Map.entry(double.class, "Float64"), Map.entry(Double.class, "Float64"), Map.entry(boolean.class, "Bool"),
			Map.entry(Boolean.class, "Bool"));

	private static final Map<Class<?>, String> VALUES = Map.of(String.class, "String", UUID.class, "UUID",
			BigDecimal.class, "Decimal(38, 10)", Instant.class, "DateTime64(3, 'UTC')", LocalDate.class, "Date32",
			LocalDateTime.class, "DateTime64(3)");

	private DeclaredTables() {
	}

	/**
	 * The {@code CREATE TABLE} statement of the class.
	 * @throws IllegalArgumentException naming the class and the field whose type has no ClickHouse type
	 */
	public static String createTable(Class<?> type) {
		ClickHouseTable table = type.getAnnotation(ClickHouseTable.class);
		if (table == null) {
			throw new IllegalArgumentException(type.getName() + " is not annotated @ClickHouseTable");
		}
		List<String> columns = new ArrayList<>();
		for (Member member : members(type)) {
			columns.add(column(type, member));
		}
		StringBuilder sql = new StringBuilder("CREATE TABLE ").append(quote(tableName(type)))
			.append(" (").append(String.join(", ", columns)).append(") ENGINE = ").append(table.engine());
		if (!table.partitionBy().isEmpty()) {
			sql.append(" PARTITION BY ").append(table.partitionBy());
		}
		if (!table.primaryKey().isEmpty()) {
			sql.append(" PRIMARY KEY ").append(table.primaryKey());
		}
		sql.append(" ORDER BY ").append(table.orderBy().isEmpty() ? "tuple()" : table.orderBy());
		if (!table.ttl().isEmpty()) {
			sql.append(" TTL ").append(table.ttl());
		}
		if (table.settings().length > 0) {
			sql.append(" SETTINGS ").append(String.join(", ", table.settings()));
		}
		if (!table.comment().isEmpty()) {
			sql.append(" COMMENT ").append(literal(table.comment()));
		}
		return sql.toString();
	}

	/** The columns of the class declared as renamed, with {@link ClickHouseColumn#renamedFrom()}. */
	public static List<ColumnRename> renames(Class<?> type) {
		List<ColumnRename> renames = new ArrayList<>();
		for (Member member : members(type)) {
			ClickHouseColumn column = member.element().getAnnotation(ClickHouseColumn.class);
			if (column != null && !column.renamedFrom().isEmpty()) {
				renames.add(new ColumnRename(tableName(type), column.renamedFrom(), columnName(member)));
			}
		}
		return renames;
	}

	private static String tableName(Class<?> type) {
		ClickHouseTable table = type.getAnnotation(ClickHouseTable.class);
		return table.name().isEmpty() ? snakeCase(type.getSimpleName()) : table.name();
	}

	private static String columnName(Member member) {
		ClickHouseColumn column = member.element().getAnnotation(ClickHouseColumn.class);
		return (column != null && !column.name().isEmpty()) ? column.name() : snakeCase(member.name());
	}

	private static String column(Class<?> owner, Member member) {
		ClickHouseColumn column = member.element().getAnnotation(ClickHouseColumn.class);
		String name = columnName(member);
		String type = (column != null && !column.type().isEmpty()) ? column.type() : type(owner, member, member.type());
		if (column != null && column.lowCardinality()) {
			type = "LowCardinality(" + type + ")";
		}
		StringBuilder definition = new StringBuilder(quote(name)).append(' ').append(type);
		if (column != null) {
			append(definition, " DEFAULT ", column.defaultExpression());
			append(definition, " MATERIALIZED ", column.materialized());
			append(definition, " ALIAS ", column.alias());
			if (!column.codec().isEmpty()) {
				definition.append(" CODEC(").append(column.codec()).append(')');
			}
			if (!column.comment().isEmpty()) {
				definition.append(" COMMENT ").append(literal(column.comment()));
			}
		}
		return definition.toString();
	}

	private static void append(StringBuilder definition, String keyword, String expression) {
		if (!expression.isEmpty()) {
			definition.append(keyword).append(expression);
		}
	}

	private static String type(Class<?> owner, Member member, Type type) {
		if (type instanceof Class<?> plain) {
			if (NUMBERS.containsKey(plain)) {
				return plain.isPrimitive() ? NUMBERS.get(plain) : "Nullable(" + NUMBERS.get(plain) + ")";
			}
			if (VALUES.containsKey(plain)) {
				return VALUES.get(plain);
			}
			if (plain.isEnum()) {
				Object[] constants = plain.getEnumConstants();
				List<String> values = new ArrayList<>();
				for (int i = 0; i < constants.length; i++) {
					values.add(literal(((Enum<?>) constants[i]).name()) + " = " + (i + 1));
				}
				return ((constants.length < 127) ? "Enum8(" : "Enum16(") + String.join(", ", values) + ")";
			}
			if (plain.isRecord()) {
				List<String> elements = new ArrayList<>();
				for (Member element : members(plain)) {
					elements.add(snakeCase(element.name()) + " " + type(plain, element, element.type()));
				}
				return "Tuple(" + String.join(", ", elements) + ")";
			}
		}
		if (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw) {
			Type[] arguments = generic.getActualTypeArguments();
			if (raw == Optional.class) {
				String inner = type(owner, member, arguments[0]);
				return inner.startsWith("Nullable(") ? inner : "Nullable(" + inner + ")";
			}
			if (List.class.isAssignableFrom(raw)) {
				return "Array(" + notNull(type(owner, member, arguments[0])) + ")";
			}
			if (Map.class.isAssignableFrom(raw)) {
				return "Map(" + notNull(type(owner, member, arguments[0])) + ", "
						+ notNull(type(owner, member, arguments[1])) + ")";
			}
		}
		throw new IllegalArgumentException(owner.getName() + "." + member.name() + " is a " + type.getTypeName()
				+ ", which has no ClickHouse type here; give it one with @ClickHouseColumn(type = \"...\")");
	}

	// Arrays and maps hold their elements; a boxed number there is a number, not a nullable one.
	private static String notNull(String type) {
		return type.startsWith("Nullable(") ? type.substring("Nullable(".length(), type.length() - 1) : type;
	}

	private static List<Member> members(Class<?> type) {
		List<Member> members = new ArrayList<>();
		if (type.isRecord()) {
			for (RecordComponent component : type.getRecordComponents()) {
				members.add(new Member(component.getName(), component.getGenericType(), component));
			}
			return members;
		}
		Arrays.stream(type.getDeclaredFields())
			.filter((field) -> !Modifier.isStatic(field.getModifiers()) && !Modifier.isTransient(field.getModifiers())
					&& !field.isSynthetic())
			.forEach((Field field) -> members.add(new Member(field.getName(), field.getGenericType(), field)));
		return members;
	}

	/** {@code PageView} and {@code pageView} are {@code page_view}. */
	static String snakeCase(String name) {
		return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z])([A-Z][a-z])", "$1_$2")
			.toLowerCase(Locale.ROOT);
	}

	private record Member(String name, Type type, AnnotatedElement element) {
	}

}
