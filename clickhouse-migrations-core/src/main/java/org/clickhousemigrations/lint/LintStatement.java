package org.clickhousemigrations.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.clickhousemigrations.lint.SqlTokens.Kind;
import org.clickhousemigrations.lint.SqlTokens.Token;

/**
 * What lint needs to know of a statement, read from its tokens: what it does, to which object, and
 * the clauses that matter (an {@code ALTER}'s commands, {@code ON CLUSTER}, an engine, a source).
 */
final class LintStatement {

	/** What the statement does. */
	enum Action {

		CREATE_TABLE, CREATE_VIEW, CREATE_MATERIALIZED_VIEW, CREATE_DICTIONARY, CREATE_DATABASE, DROP, TRUNCATE,
		ALTER, INSERT, DELETE, RENAME, OTHER

	}

	/** A table (or view, dictionary, database) name; {@code database} is {@code null} when unqualified. */
	record Name(String database, String name) {

		String in(String defaultDatabase) {
			return ((this.database != null) ? this.database : defaultDatabase) + "." + this.name;
		}

		String databaseOr(String defaultDatabase) {
			return (this.database != null) ? this.database : defaultDatabase;
		}

		@Override
		public String toString() {
			return (this.database != null) ? this.database + "." + this.name : this.name;
		}

	}

	/**
	 * One command of an {@code ALTER TABLE}.
	 *
	 * @param verb its first words, e.g. {@code DROP COLUMN}, {@code DELETE}, {@code MODIFY TTL}
	 * @param subject the column, index or partition it names, when it names one
	 * @param tokens the tokens after the verb (and after the subject)
	 */
	record Clause(String verb, String subject, List<Token> tokens) {
	}

	private static final Set<String> OBJECTS = Set.of("COLUMN", "INDEX", "PARTITION", "PART", "PROJECTION",
			"CONSTRAINT", "TTL", "QUERY", "REFRESH", "SETTING", "ORDER", "COMMENT", "STATISTICS", "SAMPLE", "KEY");

	final String sql;

	final List<Token> tokens;

	Action action = Action.OTHER;

	/** Of a {@code DROP}: TABLE, VIEW, DICTIONARY or DATABASE. */
	String dropped;

	Name name;

	boolean ifNotExists;

	boolean orReplace;

	boolean onCluster;

	boolean populate;

	boolean refresh;

	boolean select;

	/** The engine a {@code CREATE} names, or {@code null}. */
	String engine;

	/** The first table a {@code SELECT} in the statement reads, or {@code null}. */
	Name source;

	final List<Clause> clauses = new ArrayList<>();

	private LintStatement(String sql) {
		this.sql = sql;
		this.tokens = SqlTokens.of(sql);
	}

	static LintStatement of(String sql) {
		LintStatement statement = new LintStatement(sql);
		statement.read();
		return statement;
	}

	/** Whether a top-level word of the statement is {@code keyword}. */
	boolean has(String keyword) {
		return this.tokens.stream().anyMatch((token) -> token.depth() == 0 && token.is(keyword));
	}

	private void read() {
		if (this.tokens.isEmpty()) {
			return;
		}
		for (int i = 0; i + 1 < this.tokens.size(); i++) {
			Token token = this.tokens.get(i);
			if (token.depth() == 0 && token.is("ON") && this.tokens.get(i + 1).is("CLUSTER")) {
				this.onCluster = true;
			}
			if (token.is("SELECT")) {
				this.select = true;
			}
			if (this.source == null && token.is("FROM") && this.select && this.tokens.get(i + 1).isName()
					&& !this.tokens.get(i + 1).is("SELECT")) {
				this.source = name(i + 1).name;
			}
		}
		this.populate = has("POPULATE");
		this.refresh = has("REFRESH");
		String first = this.tokens.get(0).upper();
		switch (first) {
			case "CREATE", "ATTACH" -> readCreate();
			case "DROP" -> readDrop();
			case "TRUNCATE" -> {
				this.action = Action.TRUNCATE;
				this.name = nameAfter(1, "TABLE", "TEMPORARY");
			}
			case "ALTER" -> readAlter();
			case "INSERT" -> {
				this.action = Action.INSERT;
				this.name = nameAfter(1, "INTO", "TABLE");
				this.select = this.select && !has("VALUES") && !has("FORMAT");
			}
			case "DELETE" -> {
				this.action = Action.DELETE;
				this.name = nameAfter(1, "FROM");
			}
			case "RENAME", "EXCHANGE" -> this.action = Action.RENAME;
			default -> {
			}
		}
	}

	private void readCreate() {
		int i = 1;
		if (word(i, "OR") && word(i + 1, "REPLACE")) {
			this.orReplace = true;
			i += 2;
		}
		while (word(i, "TEMPORARY")) {
			i++;
		}
		if (word(i, "MATERIALIZED") && word(i + 1, "VIEW")) {
			this.action = Action.CREATE_MATERIALIZED_VIEW;
			i += 2;
		}
		else if (word(i, "VIEW") || word(i, "LIVE") || word(i, "WINDOW")) {
			this.action = Action.CREATE_VIEW;
			i += word(i, "VIEW") ? 1 : 2;
		}
		else if (word(i, "TABLE")) {
			this.action = Action.CREATE_TABLE;
			i++;
		}
		else if (word(i, "DICTIONARY")) {
			this.action = Action.CREATE_DICTIONARY;
			i++;
		}
		else if (word(i, "DATABASE")) {
			this.action = Action.CREATE_DATABASE;
			i++;
		}
		else {
			return;
		}
		if (word(i, "IF") && word(i + 1, "NOT") && word(i + 2, "EXISTS")) {
			this.ifNotExists = true;
			i += 3;
		}
		if (i < this.tokens.size()) {
			this.name = name(i).name;
		}
		for (int j = i; j + 1 < this.tokens.size(); j++) {
			if (this.tokens.get(j).depth() == 0 && this.tokens.get(j).is("ENGINE")) {
				int k = this.tokens.get(j + 1).isSymbol("=") ? j + 2 : j + 1;
				this.engine = (k < this.tokens.size()) ? this.tokens.get(k).text() : null;
				break;
			}
		}
	}

	private void readDrop() {
		int i = 1;
		while (word(i, "TEMPORARY")) {
			i++;
		}
		if (i >= this.tokens.size()) {
			return;
		}
		String object = this.tokens.get(i).upper();
		if (!Set.of("TABLE", "VIEW", "DICTIONARY", "DATABASE").contains(object)) {
			return;
		}
		this.action = Action.DROP;
		this.dropped = object;
		i++;
		if (word(i, "IF") && word(i + 1, "EXISTS")) {
			i += 2;
		}
		if (i < this.tokens.size()) {
			this.name = name(i).name;
		}
	}

	private void readAlter() {
		if (!word(1, "TABLE")) {
			return;
		}
		this.action = Action.ALTER;
		Read table = name(2);
		this.name = table.name;
		int i = table.next;
		if (word(i, "ON") && word(i + 1, "CLUSTER")) {
			i += 3;
		}
		List<Token> clause = new ArrayList<>();
		for (; i < this.tokens.size(); i++) {
			Token token = this.tokens.get(i);
			if (token.depth() == 0 && token.isSymbol(",")) {
				addClause(clause);
				clause = new ArrayList<>();
			}
			else if (!(token.depth() == 0 && token.isSymbol(";"))) {
				clause.add(token);
			}
		}
		addClause(clause);
	}

	private void addClause(List<Token> clause) {
		if (clause.isEmpty()) {
			return;
		}
		int i = 1;
		String verb = clause.get(0).upper();
		if (clause.size() > 1 && clause.get(1).kind() == Kind.WORD && OBJECTS.contains(clause.get(1).upper())) {
			verb += " " + clause.get(1).upper();
			i = 2;
		}
		while (i + 1 < clause.size() && (clause.get(i).is("IF") || clause.get(i).is("NOT") || clause.get(i).is("EXISTS"))) {
			i++;
		}
		String subject = null;
		if (verb.endsWith(" COLUMN") || verb.endsWith(" INDEX") || verb.endsWith(" PROJECTION")) {
			if (i < clause.size() && clause.get(i).isName()) {
				subject = clause.get(i).text();
				i++;
			}
		}
		this.clauses.add(new Clause(verb, subject, List.copyOf(clause.subList(Math.min(i, clause.size()),
				clause.size()))));
	}

	private Name nameAfter(int from, String... skipped) {
		int i = from;
		while (i < this.tokens.size() && List.of(skipped).contains(this.tokens.get(i).upper())
				&& this.tokens.get(i).kind() == Kind.WORD) {
			i++;
		}
		if (word(i, "IF") && word(i + 1, "EXISTS")) {
			i += 2;
		}
		return (i < this.tokens.size() && this.tokens.get(i).isName()) ? name(i).name : null;
	}

	private record Read(Name name, int next) {
	}

	private Read name(int i) {
		String first = this.tokens.get(i).text();
		if (i + 2 < this.tokens.size() && this.tokens.get(i + 1).isSymbol(".") && this.tokens.get(i + 2).isName()) {
			return new Read(new Name(first, this.tokens.get(i + 2).text()), i + 3);
		}
		return new Read(new Name(null, first), i + 1);
	}

	private boolean word(int i, String keyword) {
		return i < this.tokens.size() && this.tokens.get(i).is(keyword);
	}

}
