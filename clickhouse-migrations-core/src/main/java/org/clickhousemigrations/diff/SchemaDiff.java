package org.clickhousemigrations.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.clickhousemigrations.diff.TableSchema.ColumnSchema;
import org.clickhousemigrations.diff.TableSchema.IndexSchema;
import org.clickhousemigrations.sql.TableEngines;

import static org.clickhousemigrations.diff.TableSchema.literal;
import static org.clickhousemigrations.diff.TableSchema.quote;

/**
 * The statements that turn one schema into another, as read by {@link SchemaReader}: tables and
 * views created or dropped, columns added, dropped or modified, indices, projections, TTL,
 * settings and comments changed in place. A change ClickHouse cannot make in place (engine,
 * sorting, primary or partition key) becomes a copy plan to review: a new table, a copy of the
 * common columns (a live copy, which keeps inserts, between MergeTree tables of one server), an
 * exchange. Pure logic.
 */
public final class SchemaDiff {

	private static final Set<String> FIXED_SETTINGS = Set.of("index_granularity",
			"index_granularity_bytes");

	private SchemaDiff() {
	}

	/**
	 * What it takes to go from {@code current} to {@code declared}; empty when they agree. A column
	 * declared renamed whose old name is in {@code current} is renamed rather than dropped and added.
	 */
	public static List<SchemaChange> between(Map<String, TableSchema> current, Map<String, TableSchema> declared,
			List<ColumnRename> renames) {
		List<SchemaChange> changes = new ArrayList<>();
		declared.forEach((name, table) -> {
			TableSchema existing = current.get(name);
			if (existing == null) {
				changes.add(new SchemaChange(name, "declared, not created by the migrations", List.of(table.createQuery()),
						List.of(drop(table)), false));
			}
			else if (table.isView() || existing.isView()) {
				view(existing, table, changes);
			}
			else if (!table.engineClause().equals(existing.engineClause()) || !fixedSettings(existing).equals(
					fixedSettings(table))) {
				changes.addAll(copyPlan(existing, table));
			}
			else {
				table(existing, table, renamed(existing, table, renames), changes);
			}
		});
		current.forEach((name, table) -> {
			if (!declared.containsKey(name)) {
				changes.add(new SchemaChange(name, "created by the migrations, not declared", List.of(drop(table)),
						List.of(table.createQuery()), true));
			}
		});
		return changes;
	}

	private static void view(TableSchema current, TableSchema declared, List<SchemaChange> changes) {
		if (!current.createQuery().equals(declared.createQuery())) {
			changes.add(new SchemaChange(declared.name(), "definition changed: recreated",
					List.of(drop(current), declared.createQuery()), List.of(drop(declared), current.createQuery()),
					false));
		}
	}

	// The declared renames this table still needs, new name to old: the old column is there and the
	// new one is not.
	private static Map<String, String> renamed(TableSchema current, TableSchema declared, List<ColumnRename> renames) {
		Map<String, ColumnSchema> columns = byColumnName(current.columns());
		Map<String, String> renamed = new LinkedHashMap<>();
		renames.stream()
			.filter((rename) -> rename.table().equals(declared.name()) && columns.containsKey(rename.from())
					&& !columns.containsKey(rename.to()))
			.forEach((rename) -> renamed.put(rename.to(), rename.from()));
		return renamed;
	}

	private static void table(TableSchema current, TableSchema declared, Map<String, String> renamed,
			List<SchemaChange> changes) {
		String alter = "ALTER TABLE " + quote(declared.name()) + " ";
		columns(current, declared, renamed, alter, changes);
		Map<String, IndexSchema> before = byName(current.indices());
		Map<String, IndexSchema> after = byName(declared.indices());
		after.forEach((name, index) -> {
			IndexSchema old = before.get(name);
			if (!index.equals(old)) {
				List<String> forward = new ArrayList<>();
				List<String> rollback = new ArrayList<>(List.of(alter + "DROP INDEX IF EXISTS " + quote(name)));
				if (old != null) {
					forward.add(alter + "DROP INDEX IF EXISTS " + quote(name));
					rollback.add(alter + "ADD INDEX " + old.definition());
				}
				forward.add(alter + "ADD INDEX " + index.definition());
				changes.add(new SchemaChange(declared.name(), "index " + name + ((old != null) ? " changed" : " added"),
						forward, rollback, false));
			}
		});
		before.forEach((name, index) -> {
			if (!after.containsKey(name)) {
				changes.add(new SchemaChange(declared.name(), "index " + name + " removed",
						List.of(alter + "DROP INDEX IF EXISTS " + quote(name)), List.of(alter + "ADD INDEX " + index.definition()),
						false));
			}
		});
		declared.projections().forEach((name, query) -> {
			if (!query.equals(current.projections().get(name))) {
				changes.add(new SchemaChange(declared.name(), "projection " + name + " added or changed",
						List.of(alter + "DROP PROJECTION IF EXISTS " + quote(name),
								alter + "ADD PROJECTION " + quote(name) + " (" + query + ")"),
						List.of(alter + "DROP PROJECTION IF EXISTS " + quote(name)), false));
			}
		});
		current.projections().forEach((name, query) -> {
			if (!declared.projections().containsKey(name)) {
				changes.add(new SchemaChange(declared.name(), "projection " + name + " removed",
						List.of(alter + "DROP PROJECTION IF EXISTS " + quote(name)),
						List.of(alter + "ADD PROJECTION " + quote(name) + " (" + query + ")"), false));
			}
		});
		if (!current.ttl().equals(declared.ttl())) {
			changes.add(new SchemaChange(declared.name(), "TTL changed", List.of(ttl(alter, declared.ttl())),
					List.of(ttl(alter, current.ttl())), false));
		}
		settings(current, declared, alter, changes);
		if (!current.comment().equals(declared.comment())) {
			changes.add(new SchemaChange(declared.name(), "comment changed",
					List.of(alter + "MODIFY COMMENT " + literal(declared.comment())),
					List.of(alter + "MODIFY COMMENT " + literal(current.comment())), false));
		}
	}

	private static void columns(TableSchema current, TableSchema declared, Map<String, String> renamed, String alter,
			List<SchemaChange> changes) {
		Map<String, ColumnSchema> before = byColumnName(current.columns());
		Map<String, ColumnSchema> after = byColumnName(declared.columns());
		String previous = null;
		for (ColumnSchema column : declared.columns()) {
			ColumnSchema old = before.get(column.name());
			String from = renamed.get(column.name());
			if (from != null) {
				changes.add(new SchemaChange(declared.name(), "column " + from + " renamed to " + column.name(),
						List.of(alter + "RENAME COLUMN " + quote(from) + " TO " + quote(column.name())),
						List.of(alter + "RENAME COLUMN " + quote(column.name()) + " TO " + quote(from)), false));
				ColumnSchema was = before.get(from);
				old = new ColumnSchema(column.name(), was.type(), was.defaultKind(), was.defaultExpression(), was.codec(),
						was.comment());
			}
			if (old == null) {
				changes.add(new SchemaChange(declared.name(), "column " + column.name() + " added",
						List.of(alter + "ADD COLUMN " + column.definition()
								+ ((previous != null) ? " AFTER " + quote(previous) : " FIRST")),
						List.of(alter + "DROP COLUMN " + quote(column.name())), false));
			}
			else if (!column.sameButComment(old)) {
				changes.add(new SchemaChange(declared.name(), "column " + column.name() + " changed from " + old.type()
						+ (old.defaultKind().isEmpty() ? "" : " " + old.defaultKind() + " " + old.defaultExpression()),
						List.of(alter + "MODIFY COLUMN " + column.definition()),
						List.of(alter + "MODIFY COLUMN " + old.definition()), false));
			}
			else if (!column.comment().equals(old.comment())) {
				changes.add(new SchemaChange(declared.name(), "comment of column " + column.name() + " changed",
						List.of(alter + "COMMENT COLUMN " + quote(column.name()) + " " + literal(column.comment())),
						List.of(alter + "COMMENT COLUMN " + quote(column.name()) + " " + literal(old.comment())), false));
			}
			previous = column.name();
		}
		for (ColumnSchema column : current.columns()) {
			if (!after.containsKey(column.name()) && !renamed.containsValue(column.name())) {
				changes.add(new SchemaChange(declared.name(), "column " + column.name() + " not declared",
						List.of(alter + "DROP COLUMN " + quote(column.name())),
						List.of(alter + "ADD COLUMN " + column.definition()), true));
			}
		}
	}

	private static void settings(TableSchema current, TableSchema declared, String alter, List<SchemaChange> changes) {
		Map<String, String> before = current.settings();
		Map<String, String> after = declared.settings();
		if (before.equals(after)) {
			return;
		}
		List<String> forward = new ArrayList<>();
		List<String> rollback = new ArrayList<>();
		after.forEach((name, value) -> {
			if (!value.equals(before.get(name))) {
				forward.add(alter + "MODIFY SETTING " + name + " = " + value);
				rollback.add((before.get(name) != null) ? alter + "MODIFY SETTING " + name + " = " + before.get(name)
						: alter + "RESET SETTING " + name);
			}
		});
		before.forEach((name, value) -> {
			if (!after.containsKey(name)) {
				forward.add(alter + "RESET SETTING " + name);
				rollback.add(alter + "MODIFY SETTING " + name + " = " + value);
			}
		});
		changes.add(new SchemaChange(declared.name(), "settings changed", forward, rollback, false));
	}

	// Engine or keys differ: ClickHouse cannot change them in place. Filling a copy and exchanging
	// them loses nothing; only dropping the old table afterwards does, so that is a change of its own.
	// Between MergeTree tables of one server the copy keeps the rows inserted while it runs (a live
	// copy); else it copies what the table holds, and inserts must pause. The rollback is the same
	// plan the other way, so it works whether that table was dropped or not; then it drops what
	// the forward plan left (every row of it is in the table again).
	private static List<SchemaChange> copyPlan(TableSchema current, TableSchema declared) {
		List<String> common = declared.columns().stream()
			.map(ColumnSchema::name)
			.filter((name) -> current.columns().stream().anyMatch((column) -> column.name().equals(name)))
			.map(TableSchema::quote)
			.toList();
		boolean live = TableEngines.copiesLive(current.engine()) && TableEngines.copiesLive(declared.engine());
		List<String> rollback = new ArrayList<>(fillAndExchange(current, "__old", common, live));
		rollback.add("DROP TABLE " + quote(current.name() + "__old"));
		rollback.add("DROP TABLE IF EXISTS " + quote(current.name() + "__new"));
		return List.of(new SchemaChange(declared.name(),
				"engine, keys or fixed settings changed (" + current.engineClause() + " -> " + declared.engineClause()
						+ "): ClickHouse cannot change them in place, so a new table is filled and exchanged"
						+ (live ? ", inserts going on" : "; pause inserts into it while this runs"),
				fillAndExchange(declared, "__new", common, live), rollback, false),
				new SchemaChange(declared.name(), "the table as it was before the exchange, now " + declared.name()
						+ "__new, is no longer needed", List.of("DROP TABLE " + quote(declared.name() + "__new")),
						List.of(), true));
	}

	// A table of the given layout named <table><suffix>, filled with the common columns of the table
	// (live: by the exchange, which copies the common columns itself), then exchanged with it.
	private static List<String> fillAndExchange(TableSchema layout, String suffix, List<String> common, boolean live) {
		String table = quote(layout.name());
		String copy = quote(layout.name() + suffix);
		String create = layout.createQuery().replaceFirst("^CREATE TABLE (`?)" + Pattern.quote(layout.name()) + "(`?) ",
				"CREATE TABLE $1" + Matcher.quoteReplacement(layout.name()) + suffix + "$2 ");
		String exchange = "EXCHANGE TABLES " + table + " AND " + copy;
		if (live) {
			return List.of(create, "-- copy: live\n" + exchange);
		}
		String columns = String.join(", ", common);
		return List.of(create, "INSERT INTO " + copy + " (" + columns + ") SELECT " + columns + " FROM " + table,
				exchange);
	}

	// Settings that ClickHouse fixes when it creates a table (READONLY_SETTING on MODIFY SETTING).
	private static Map<String, String> fixedSettings(TableSchema table) {
		Map<String, String> fixed = new LinkedHashMap<>(table.settings());
		fixed.keySet().retainAll(FIXED_SETTINGS);
		return fixed;
	}

	private static String ttl(String alter, String ttl) {
		return ttl.isEmpty() ? alter + "REMOVE TTL" : alter + "MODIFY TTL " + ttl;
	}

	private static String drop(TableSchema table) {
		return "DROP " + (table.engine().equals("Dictionary") ? "DICTIONARY " : table.isView() ? "VIEW " : "TABLE ")
				+ quote(table.name());
	}

	private static Map<String, ColumnSchema> byColumnName(List<ColumnSchema> columns) {
		Map<String, ColumnSchema> byName = new LinkedHashMap<>();
		columns.forEach((column) -> byName.put(column.name(), column));
		return byName;
	}

	private static Map<String, IndexSchema> byName(List<IndexSchema> indices) {
		Map<String, IndexSchema> byName = new LinkedHashMap<>();
		indices.forEach((index) -> byName.put(index.name(), index));
		return byName;
	}

}
