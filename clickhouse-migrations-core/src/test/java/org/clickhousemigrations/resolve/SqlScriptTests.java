package org.clickhousemigrations.resolve;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SqlScriptTests {

	@Test
	void splitsOnSemicolons() {
		SqlScript script = SqlScript.parse("CREATE TABLE a (x UInt8) ENGINE = Memory;\nINSERT INTO a VALUES (1);\n");
		assertThat(script.forward()).containsExactly("CREATE TABLE a (x UInt8) ENGINE = Memory",
				"INSERT INTO a VALUES (1)");
		assertThat(script.rollback()).isNull();
	}

	@Test
	void lastStatementNeedsNoSemicolon() {
		assertThat(SqlScript.parse("SELECT 1;SELECT 2").forward()).containsExactly("SELECT 1", "SELECT 2");
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
		assertThat(SqlScript.parse(sql).forward()).hasSize(2)
			.first()
			.isEqualTo("INSERT INTO t VALUES ('a;b', \"c;d\", 'it''s; fine', 'back\\\\ slash\\';x')");
	}

	@Test
	void dropsStatementsThatAreOnlyComments() {
		assertThat(SqlScript.parse("-- header\n/* note */;\nSELECT 1;\n-- trailing comment\n").forward())
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
		assertThat(script.forward()).containsExactly("CREATE TABLE a (x UInt8) ENGINE = Memory",
				"ALTER TABLE a ADD COLUMN y UInt8");
		assertThat(script.rollback()).containsExactly("ALTER TABLE a DROP COLUMN y", "DROP TABLE a");
	}

	@Test
	void rollbackMarkerInsideAStringOrAfterCodeIsNotAMarker() {
		SqlScript script = SqlScript.parse("SELECT '\n-- rollback\n'; SELECT 2 -- rollback\n;");
		assertThat(script.forward()).hasSize(2);
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

}
