package org.clickhousemigrations.resolve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.clickhousemigrations.resolve.SqlScript.Chunk;

/**
 * Files whose tool marks their sections with comment lines: goose ({@code -- +goose Up} /
 * {@code Down}, {@code StatementBegin} / {@code StatementEnd} around a statement taken whole),
 * dbmate ({@code -- migrate:up} / {@code down}) and Liquibase formatted SQL ({@code --changeset},
 * which also ends the statement before it, and {@code --rollback} lines). The markers are read
 * line by line, as those tools read them; the text between them is split as ClickHouse splits it.
 */
final class MarkedScripts {

	private static final Pattern GOOSE = Pattern.compile("(?i)\\s*--\\s*\\+goose\\s+(.*?)\\s*");

	private static final Pattern DBMATE = Pattern.compile("(?i)\\s*--\\s*migrate:(up|down)\\b.*");

	private static final Pattern LIQUIBASE = Pattern.compile("(?i)\\s*--\\s*liquibase\\s+formatted\\s+sql\\b.*");

	private static final Pattern CHANGESET = Pattern.compile("(?i)\\s*--\\s*changeset\\s+\\S+(.*)");

	private static final Pattern LIQUIBASE_ROLLBACK = Pattern.compile("(?i)\\s*--\\s*rollback\\b ?(.*)");

	private MarkedScripts() {
	}

	/** Whether the lines hold a goose marker. */
	static boolean isGoose(List<String> lines) {
		return lines.stream().anyMatch((line) -> GOOSE.matcher(line).matches());
	}

	/** Whether the lines hold a dbmate marker. */
	static boolean isDbmate(List<String> lines) {
		return lines.stream().anyMatch((line) -> DBMATE.matcher(line).matches());
	}

	/** Whether the first line that is not blank says Liquibase formatted SQL. */
	static boolean isLiquibase(List<String> lines) {
		return lines.stream().filter((line) -> !line.isBlank()).findFirst()
			.filter((line) -> LIQUIBASE.matcher(line.replace("\uFEFF", "")).matches()).isPresent();
	}

	// -- +goose Up, -- +goose Down, and StatementBegin / StatementEnd around a statement taken whole.
	static SqlScript goose(String text) {
		return sections(text, GOOSE, "-- +goose Up", (marker, line, sections) -> {
			switch (marker.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ")) {
				case "up" -> sections.forward(line);
				case "down" -> sections.rollback(line);
				case "statementbegin" -> sections.beginWhole(line, "-- +goose StatementBegin");
				case "statementend" -> sections.endWhole(line, "-- +goose StatementEnd");
				case "no transaction", "envsub on", "envsub off" -> {
					// ClickHouse has no transactions; ${name} placeholders are resolved anyway.
				}
				default -> throw new IllegalArgumentException("line " + line + " is '-- +goose " + marker
						+ "', which goose does not know: use Up, Down, StatementBegin, StatementEnd or NO TRANSACTION");
			}
		});
	}

	// -- migrate:up and -- migrate:down, with options dbmate reads and ClickHouse does not need.
	static SqlScript dbmate(String text) {
		return sections(text, DBMATE, "-- migrate:up", (marker, line, sections) -> {
			if (marker.equalsIgnoreCase("up")) {
				sections.forward(line);
			}
			else {
				sections.rollback(line);
			}
		});
	}

	// The lines of the text, read as the tool reads them: those the pattern matches are its markers.
	private static SqlScript sections(String text, Pattern markers, String upMarker, MarkerLine onMarker) {
		Sections sections = new Sections();
		List<String> lines = text.lines().toList();
		for (int i = 0; i < lines.size(); i++) {
			Matcher marker = markers.matcher(lines.get(i));
			if (marker.matches()) {
				onMarker.read(marker.group(1), i + 1, sections);
			}
			else {
				sections.line(lines.get(i), i + 1);
			}
		}
		return sections.script(upMarker);
	}

	/** What a marker line of a tool does to the sections of its file. */
	@FunctionalInterface
	private interface MarkerLine {

		void read(String marker, int line, Sections sections);

	}

	// --changeset lines start a change set (and end the statement before them), --rollback lines hold
	// its rollback; the rollback of the file undoes the change sets newest first. With
	// splitStatements:false a change set is one statement.
	static SqlScript liquibase(String text) {
		List<Chunk> forward = new ArrayList<>();
		List<List<Chunk>> rollbacks = new ArrayList<>();
		boolean undoable = true;
		StringBuilder body = null;
		int bodyLine = 0;
		boolean whole = false;
		StringBuilder rollback = null;
		List<String> lines = text.lines().toList();
		for (int i = 0; i <= lines.size(); i++) {
			String line = (i < lines.size()) ? lines.get(i) : null;
			Matcher changeset = (line != null) ? CHANGESET.matcher(line) : null;
			if (line == null || changeset.matches()) {
				if (body != null) {
					forward.add(new Chunk(body.toString(), whole, bodyLine));
					String undo = (rollback != null) ? rollback.toString().strip() : null;
					undoable &= undo != null;
					if (undo != null && !undo.equalsIgnoreCase("not required") && !undo.equalsIgnoreCase("empty")) {
						rollbacks.add(0, List.of(new Chunk(undo, false, 1)));
					}
				}
				if (line != null) {
					body = new StringBuilder();
					bodyLine = i + 2;
					whole = changeset.group(1).replace(" ", "").toLowerCase(Locale.ROOT).contains("splitstatements:false");
					rollback = null;
				}
				continue;
			}
			Matcher undo = LIQUIBASE_ROLLBACK.matcher(line);
			if (body == null) {
				if (!line.isBlank() && !LIQUIBASE.matcher(line.replace("\uFEFF", "")).matches()
						&& !line.strip().startsWith("--")) {
					throw new IllegalArgumentException("line " + (i + 1) + " comes before the first --changeset line");
				}
			}
			else if (undo.matches()) {
				rollback = (rollback != null) ? rollback.append('\n') : new StringBuilder();
				rollback.append(undo.group(1));
			}
			else {
				body.append(line).append('\n');
			}
		}
		if (body == null) {
			throw new IllegalArgumentException("has no --changeset line");
		}
		List<Chunk> undo = new ArrayList<>();
		rollbacks.forEach(undo::addAll);
		return SqlScript.of(forward, undoable ? undo : null);
	}

	// The up and down sections of a file whose tool marks them with comment lines, and the
	// statements it takes whole.
	private static final class Sections {

		private List<Chunk> forward;

		private List<Chunk> rollback;

		private List<Chunk> current;

		private StringBuilder text = new StringBuilder();

		private int textLine = 1;

		private boolean whole;

		private int wholeLine;

		void line(String line, int number) {
			if (this.current == null) {
				if (!line.isBlank() && !line.strip().startsWith("--")) {
					throw new IllegalArgumentException("line " + number + " comes before the section it belongs to");
				}
				return;
			}
			this.text.append(line).append('\n');
		}

		void forward(int line) {
			switchTo((this.forward != null) ? this.forward : (this.forward = new ArrayList<>()), line);
		}

		void rollback(int line) {
			switchTo((this.rollback != null) ? this.rollback : (this.rollback = new ArrayList<>()), line);
		}

		void beginWhole(int line, String marker) {
			if (this.whole || this.current == null) {
				throw new IllegalArgumentException("line " + line + " is " + marker + " "
						+ (this.whole ? "inside another one" : "before any section"));
			}
			flush(line + 1);
			this.whole = true;
			this.wholeLine = line;
		}

		void endWhole(int line, String marker) {
			if (!this.whole) {
				throw new IllegalArgumentException("line " + line + " is " + marker + " without its beginning");
			}
			flush(line + 1);
			this.whole = false;
		}

		SqlScript script(String upMarker) {
			if (this.whole) {
				throw new IllegalArgumentException("the statement block that starts on line " + this.wholeLine
						+ " has no end");
			}
			flush(0);
			if (this.forward == null) {
				throw new IllegalArgumentException("has no '" + upMarker + "' line");
			}
			return SqlScript.of(this.forward, this.rollback);
		}

		private void switchTo(List<Chunk> section, int line) {
			if (this.whole) {
				throw new IllegalArgumentException("line " + line + " starts a section inside a statement block");
			}
			flush(line + 1);
			this.current = section;
		}

		private void flush(int nextLine) {
			if (this.current != null && !this.text.isEmpty()) {
				this.current.add(new Chunk(this.text.toString(), this.whole, this.textLine));
			}
			this.text = new StringBuilder();
			this.textLine = nextLine;
		}

	}


}
