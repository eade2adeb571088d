package org.clickhousemigrations.resolve;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SqlScriptTests {

	@Test
	void splitsOnSemicolons() {
		SqlScript script = SqlScript.parse("CREATE TABLE a (x UInt8) ENGINE = Memory;\nINSERT INTO a VALUES (1);\n");
		assertThat(sql(script.forward())).containsExactly("CREATE TABLE a (x UInt8) ENGINE = Memory",
				"INSERT INTO a VALUES (1)");
		assertThat(script.rollback()).isNull();
	}

	@Test
	void lastStatementNeedsNoSemicolon() {
		assertThat(sql(SqlScript.parse("SELECT 1;SELECT 2").forward())).containsExactly("SELECT 1", "SELECT 2");
	}

	@Test
	void semicolonsInQuotesBackticksAndCommentsDoNotSplit() {
		String sql = """
				INSERT INTO t VALUES ('a;b', "c;d", 'it''s; fine', 'back\\\\ slash\\';x');
				SELECT `odd;name` FROM t -- a comment; with a semicolon
				WHERE x = 1 # another; one
				/* block; comment
				   over lines; */ AND y = 2;
				""";
		assertThat(sql(SqlScript.parse(sql).forward())).hasSize(2)
			.first()
			.isEqualTo("INSERT INTO t VALUES ('a;b', \"c;d\", 'it''s; fine', 'back\\\\ slash\\';x')");
	}

	@Test
	void dropsStatementsThatAreOnlyComments() {
		assertThat(sql(SqlScript.parse("-- header\n/* note */;\nSELECT 1;\n-- trailing comment\n").forward()))
			.containsExactly("SELECT 1");
	}

	@Test
	void rollbackLineStartsTheRollbackSection() {
		SqlScript script = SqlScript.parse("""
				CREATE TABLE a (x UInt8) ENGINE = Memory;
				ALTER TABLE a ADD COLUMN y UInt8
				-- rollback
				ALTER TABLE a DROP COLUMN y;
				DROP TABLE a;
				""");
		assertThat(sql(script.forward())).containsExactly("CREATE TABLE a (x UInt8) ENGINE = Memory",
				"ALTER TABLE a ADD COLUMN y UInt8");
		assertThat(sql(script.rollback())).containsExactly("ALTER TABLE a DROP COLUMN y", "DROP TABLE a");
	}

	@Test
	void rollbackMarkerInsideAStringOrAfterCodeIsNotAMarker() {
		SqlScript script = SqlScript.parse("SELECT '\n-- rollback\n'; SELECT 2 -- rollback\n;");
		assertThat(sql(script.forward())).hasSize(2);
		assertThat(script.rollback()).isNull();
	}

	@Test
	void emptyRollbackSectionMeansNothingToUndo() {
		SqlScript script = SqlScript.parse("SELECT 1;\n-- ROLLBACK\n");
		assertThat(script.rollback()).isEmpty();
	}

	@Test
	void unterminatedQuoteNamesItsLine() {
		assertThatIllegalArgumentException().isThrownBy(() -> SqlScript.parse("SELECT 1;\nSELECT 'oops;\nSELECT 2;"))
			.withMessageContaining("string (') opened on line 2 is never closed");
		assertThatIllegalArgumentException().isThrownBy(() -> SqlScript.parse("SELECT 1 /* open"))
			.withMessageContaining("/* comment opened on line 1");
	}

	@Test
	void secondRollbackLineIsAnError() {
		assertThatIllegalArgumentException().isThrownBy(() -> SqlScript.parse("SELECT 1;\n-- rollback\nSELECT 2;\n-- rollback\n"))
			.withMessageContaining("second '-- rollback' line");
	}

	@Test
	void heredocsHoldSemicolonsAndQuotes() {
		assertThat(sql(SqlScript.parse("SELECT $$a;b$$;\nSELECT $$it's$$;\nSELECT $tag$x;$$y$tag$; SELECT 4").forward()))
			.containsExactly("SELECT $$a;b$$", "SELECT $$it's$$", "SELECT $tag$x;$$y$tag$", "SELECT 4");
	}

	@Test
	void placeholdersAreNoHeredocs() {
		assertThat(sql(SqlScript.parse("SELECT '${a}'; CREATE TABLE ${database}.t ${on_cluster} (x UInt8) ENGINE = Memory")
			.forward())).hasSize(2);
	}

	@Test
	void blockCommentsNest() {
		assertThat(sql(SqlScript.parse("/* outer /* inner */ ; */ SELECT 1;").forward()))
			.containsExactly("/* outer /* inner */ ; */ SELECT 1");
	}

	@Test
	void doubleSlashStartsALineComment() {
		assertThat(sql(SqlScript.parse("SELECT 1; // a;b\n// don't\nSELECT 2;").forward()))
			.containsExactly("SELECT 1", "// a;b\n// don't\nSELECT 2");
	}

	@Test
	void unicodeSpacesAloneAreNoStatement() {
		assertThat(sql(SqlScript.parse("SELECT 1;\u00a0\u2003\n\u3000").forward())).containsExactly("SELECT 1");
	}

	@Test
	void inlineDataEndsAtTheFirstEmptyLine() {
		SqlScript script = SqlScript.parse("INSERT INTO notes FORMAT TSV hello\n\n"
				+ "CREATE TABLE audit (s String) ENGINE = MergeTree ORDER BY s;\n");
		assertThat(sql(script.forward())).containsExactly("INSERT INTO notes FORMAT TSV hello",
				"CREATE TABLE audit (s String) ENGINE = MergeTree ORDER BY s");
	}

	@Test
	void inlineDataKeepsItsSemicolonsAndQuotes() {
		SqlScript script = SqlScript.parse("insert into t (a, b) format CSV\n1,\"a;b\n2,x;y\n\nSELECT 1;");
		assertThat(sql(script.forward())).containsExactly("insert into t (a, b) format CSV\n1,\"a;b\n2,x;y", "SELECT 1");
	}

	@Test
	void valuesAreReadAsSql() {
		assertThat(sql(SqlScript.parse("INSERT INTO t VALUES (1, 'a;b'), (2, 'c'); SELECT 1;\n"
				+ "INSERT INTO t FORMAT Values (3, 'd;e');SELECT 2").forward()))
			.containsExactly("INSERT INTO t VALUES (1, 'a;b'), (2, 'c')", "SELECT 1", "INSERT INTO t FORMAT Values (3, 'd;e')",
					"SELECT 2");
	}

	@Test
	void setStatementsBecomeSettingsOfTheStatementsAfterThem() {
		SqlScript script = SqlScript.parse("""
				CREATE TABLE a (x UInt8) ENGINE = Memory;
				SET max_threads = 3;
				-- a comment before it does not hide it
				SET allow_experimental_json_type = 1, join_algorithm = 'hash';
				CREATE TABLE s ENGINE = MergeTree ORDER BY tuple() AS SELECT getSetting('max_threads') AS v;
				SET max_threads = 4;
				SELECT 1;
				-- rollback
				DROP TABLE s;
				""");
		assertThat(script.forward()).extracting(SqlScript.Statement::settings)
			.containsExactly(Map.of(), Map.of("max_threads", "3", "allow_experimental_json_type", "1", "join_algorithm",
					"hash"), Map.of("max_threads", "4", "allow_experimental_json_type", "1", "join_algorithm", "hash"));
		assertThat(script.rollback()).singleElement().extracting(SqlScript.Statement::settings).isEqualTo(Map.of());
	}

	@Test
	void setRoleIsAStatement() {
		assertThat(sql(SqlScript.parse("SET ROLE admin; SELECT 1").forward())).containsExactly("SET ROLE admin", "SELECT 1");
	}

	@Test
	void dollarWithoutAClosingDelimiterIsPartOfAName() {
		assertThat(sql(SqlScript.parse("SELECT 1 AS $alias$name$ FORMAT TSVWithNames; SELECT 'a;b'").forward()))
			.containsExactly("SELECT 1 AS $alias$name$ FORMAT TSVWithNames", "SELECT 'a;b'");
	}

	private static List<String> sql(List<SqlScript.Statement> statements) {
		return statements.stream().map(SqlScript.Statement::sql).toList();
	}

}
