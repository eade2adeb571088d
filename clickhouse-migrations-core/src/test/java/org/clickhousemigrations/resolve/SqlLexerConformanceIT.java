package org.clickhousemigrations.resolve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.clickhousemigrations.sql.Identifiers;
import org.clickhousemigrations.test.EmbeddedClickHouse;
import org.clickhousemigrations.test.EmbeddedClickHouseExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files split as ClickHouse splits them: each fixture says how many statements ClickHouse reads in
 * it, and every piece the splitter cuts must be one statement to ClickHouse's own parser
 * ({@code formatQuery} refuses more than one, and anything it cannot parse).
 */
@ExtendWith(EmbeddedClickHouseExtension.class)
class SqlLexerConformanceIT {

	private static final Pattern EXPECTED = Pattern.compile("-- ClickHouse reads (\\d+) statements");

	@ParameterizedTest
	@ValueSource(strings = { "heredocs", "comments", "inline-data", "quotes", "whitespace", "settings" })
	void everyPieceIsOneStatementToClickHouse(String fixture, EmbeddedClickHouse clickHouse) throws IOException {
		String text = new ClassPathResource("splitter/" + fixture + ".sql").getContentAsString(StandardCharsets.UTF_8);
		Matcher expected = EXPECTED.matcher(text);
		assertThat(expected.find()).as("the fixture says how many statements ClickHouse reads").isTrue();
		List<SqlLexer.Piece> pieces = SqlLexer.split(text);
		assertThat(pieces).as(fixture).hasSize(Integer.parseInt(expected.group(1)));
		for (SqlLexer.Piece piece : pieces) {
			assertThat(clickHouse.query("SELECT formatQuery(" + Identifiers.literal(piece.sql()) + ")"))
				.as("%s, line %d", fixture, piece.line())
				.isNotBlank();
		}
	}

}
