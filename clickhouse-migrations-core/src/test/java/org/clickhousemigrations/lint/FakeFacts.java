package org.clickhousemigrations.lint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A server as lint sees it, told by the test. */
final class FakeFacts implements ServerFacts {

	final Map<String, String> engines = new HashMap<>();

	final Map<String, Size> sizes = new HashMap<>();

	final Map<String, Integer> mutations = new HashMap<>();

	final Map<String, String> columns = new HashMap<>();

	final Map<String, String> ttls = new HashMap<>();

	final List<View> views = new ArrayList<>();

	final Set<String> replicatedDatabases = new HashSet<>();

	final Set<String> unparsable = new HashSet<>();

	FakeFacts table(String table, String engine) {
		this.engines.put("db." + table, engine);
		return this;
	}

	FakeFacts column(String table, String column, String type) {
		this.columns.put("db." + table + "." + column, type);
		return this;
	}

	@Override
	public String currentDatabase() {
		return "db";
	}

	@Override
	public boolean isReplicatedDatabase(String database) {
		return this.replicatedDatabases.contains(database);
	}

	@Override
	public Map<String, String> parseErrors(List<String> statements) {
		Map<String, String> errors = new HashMap<>();
		statements.stream().filter(this.unparsable::contains)
			.forEach((sql) -> errors.put(sql, "Code: 62. DB::Exception: Syntax error (SYNTAX_ERROR)"));
		return errors;
	}

	@Override
	public Optional<String> engine(String database, String table) {
		return Optional.ofNullable(this.engines.get(database + "." + table));
	}

	@Override
	public Optional<Size> size(String database, String table) {
		return Optional.ofNullable(this.sizes.get(database + "." + table));
	}

	@Override
	public int unfinishedMutations(String database, String table) {
		return this.mutations.getOrDefault(database + "." + table, 0);
	}

	@Override
	public Optional<String> columnType(String database, String table, String column) {
		return Optional.ofNullable(this.columns.get(database + "." + table + "." + column));
	}

	@Override
	public Optional<String> ttl(String database, String table) {
		return Optional.ofNullable(this.ttls.get(database + "." + table));
	}

	@Override
	public List<View> views(String database) {
		return this.views;
	}

}
