package org.clickhousemigrations.resolve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.ResolvedMigration;
import org.clickhousemigrations.model.Checksums;
import org.clickhousemigrations.model.MigrationKey;
import org.clickhousemigrations.model.MigrationType;
import org.clickhousemigrations.model.MigrationVersion;
import org.clickhousemigrations.resolve.MigrationName.Kind;
import org.clickhousemigrations.resolve.SqlScript.Chunk;

import org.springframework.core.io.Resource;

/**
 * The SQL migrations of one module, in whichever format the module's files are written: this
 * library's and Flyway's {@code V<version>__x.sql} (with an optional {@code -- rollback} section,
 * or Flyway's {@code U<version>__x.sql}) and repeatable {@code R__x.sql} (which may stand beside
 * any format), golang-migrate's {@code <n>_x.up.sql} and
 * {@code .down.sql}, goose's {@code -- +goose Up} / {@code Down} with {@code StatementBegin} /
 * {@code StatementEnd}, dbmate's {@code -- migrate:up} / {@code down}, Liquibase formatted SQL, and
 * plain {@code <n>_x.sql} with an optional {@code <n>_x.down.sql}. The markers of those tools are
 * read line by line, as the tools themselves read them. A module holds one format; a version with
 * two migrations, an undo or down file without its migration, or two formats in one module are
 * errors that name the files.
 */
final class SqlMigrationFiles {

	private static final Pattern GOOSE = Pattern.compile("(?i)\\s*--\\s*\\+goose\\s+(.*?)\\s*");

	private static final Pattern DBMATE = Pattern.compile("(?i)\\s*--\\s*migrate:(up|down)\\b.*");

	private static final Pattern LIQUIBASE = Pattern.compile("(?i)\\s*--\\s*liquibase\\s+formatted\\s+sql\\b.*");

	private static final Pattern CHANGESET = Pattern.compile("(?i)\\s*--\\s*changeset\\s+\\S+(.*)");

	private static final Pattern LIQUIBASE_ROLLBACK = Pattern.compile("(?i)\\s*--\\s*rollback\\b ?(.*)");

	/** The formats a module can be written in. */
	enum Format {

		FLYWAY("V<version>__<description>.sql", "'-- rollback' section (or U<version>__ file)"),
		GOLANG_MIGRATE("golang-migrate <n>_<description>.up.sql", ".down.sql file"),
		GOOSE("goose", "'-- +goose Down' section"), DBMATE("dbmate", "'-- migrate:down' section"),
		LIQUIBASE("Liquibase formatted SQL", "'--rollback' line in one of its change sets"),
		PLAIN("<n>_<description>.sql", ".down.sql file");

		private final String label;

		// What undoes a migration in this format, which one without it lacks.
		private final String rollback;

		Format(String label, String rollback) {
			this.label = label;
			this.rollback = rollback;
		}

	}

	private SqlMigrationFiles() {
	}

	/**
	 * The migrations of one module's SQL files.
	 * @param files the module's files by path relative to the location
	 * @param problems where every problem found is added, naming its files
	 */
	static List<ResolvedMigration> read(String module, Map<String, Resource> files, List<String> problems) {
		Map<MigrationVersion, Map<Kind, String>> versions = new TreeMap<>();
		Map<String, String> texts = new LinkedHashMap<>();
		Map<String, MigrationName> names = new LinkedHashMap<>();
		files.forEach((path, resource) -> {
			try {
				MigrationName name = MigrationName.parseFile(path.substring(path.lastIndexOf('/') + 1));
				texts.put(path, resource.getContentAsString(StandardCharsets.UTF_8));
				names.put(path, name);
				String other = versions.computeIfAbsent(name.version(), (version) -> new TreeMap<>()).putIfAbsent(
						primary(name.kind()), path);
				if (other != null) {
					problems.add("Version " + module + ":" + name.version() + " is used twice: by " + other + " and by "
							+ path + ". Give one of them the next free version.");
				}
			}
			catch (IllegalArgumentException ex) {
				problems.add(path + ": " + ex.getMessage());
			}
			catch (IOException ex) {
				problems.add(path + " cannot be read: " + ex.getMessage());
			}
		});
		List<ResolvedMigration> migrations = new ArrayList<>();
		Map<Format, String> formats = new LinkedHashMap<>();
		versions.forEach((version, byKind) -> {
			String path = byKind.get(Kind.MIGRATION);
			String rollbackPath = byKind.get(Kind.DOWN);
			if (path == null) {
				problems.add(rollbackPath + " undoes version " + module + ":" + version + ", which has no migration file; "
						+ "add it or delete the file");
				return;
			}
			Kind kind = names.get(path).kind();
			try {
				SqlScript script;
				String noRollback;
				if (kind == Kind.REPEATABLE) {
					// Applied again whenever it changes, whatever the format of the others; never undone.
					script = new SqlScript(SqlScript.parse(texts.get(path)).forward(), null);
					noRollback = path + " is repeatable: it is applied again when it changes, never undone";
				}
				else {
					Format format = format(kind, texts.get(path));
					formats.putIfAbsent(format, path);
					script = script(format, texts.get(path), path, rollbackPath,
							(rollbackPath != null) ? texts.get(rollbackPath) : null);
					noRollback = path + " has no " + format.rollback;
				}
				if (script.forward().isEmpty()) {
					problems.add(path + " has no statement to run; add one or delete the file");
					return;
				}
				List<MigrationStep> rollback = (script.rollback() != null) ? steps(script.rollback()) : null;
				migrations.add(new ResolvedMigration(new MigrationKey(module, version), names.get(path).description(),
						MigrationType.SQL, path, Checksums.of(texts.get(path)), List.of(), steps(script.forward()),
						rollback, (rollback != null) ? null : noRollback));
			}
			catch (IllegalArgumentException ex) {
				problems.add(path + ": " + ex.getMessage());
			}
		});
		if (formats.size() > 1) {
			List<String> seen = new ArrayList<>();
			formats.forEach((format, path) -> seen.add(path + " (" + format.label + ")"));
			problems.add("Module '" + module + "' mixes formats: " + String.join(", ", seen) + ". A module holds one "
					+ "format; move the files of the others into a module of their own, or rewrite them.");
		}
		return migrations;
	}

	// A migration and its rollback file take two places of a version; every other file takes the first.
	private static Kind primary(Kind kind) {
		return (kind == Kind.DOWN || kind == Kind.UNDO) ? Kind.DOWN : Kind.MIGRATION;
	}

	private static Format format(Kind kind, String text) {
		if (kind == Kind.VERSIONED) {
			return Format.FLYWAY;
		}
		if (kind == Kind.UP) {
			return Format.GOLANG_MIGRATE;
		}
		List<String> lines = text.lines().toList();
		if (lines.stream().anyMatch((line) -> GOOSE.matcher(line).matches())) {
			return Format.GOOSE;
		}
		if (lines.stream().anyMatch((line) -> DBMATE.matcher(line).matches())) {
			return Format.DBMATE;
		}
		if (lines.stream().filter((line) -> !line.isBlank()).findFirst()
			.filter((line) -> LIQUIBASE.matcher(line.replace("\uFEFF", "")).matches()).isPresent()) {
			return Format.LIQUIBASE;
		}
		return Format.PLAIN;
	}

	private static SqlScript script(Format format, String text, String path, String rollbackPath, String rollbackText) {
		boolean ownRollback = format == Format.GOOSE || format == Format.DBMATE || format == Format.LIQUIBASE;
		if (ownRollback && rollbackPath != null) {
			throw new IllegalArgumentException("has its own rollback section, and " + rollbackPath + " undoes it too; "
					+ "keep one of them");
		}
		return switch (format) {
			case GOOSE -> goose(text);
			case DBMATE -> dbmate(text);
			case LIQUIBASE -> liquibase(text);
			case FLYWAY -> {
				SqlScript script = SqlScript.parse(text);
				if (rollbackPath == null) {
					yield script;
				}
				if (script.rollback() != null) {
					throw new IllegalArgumentException("has a '-- rollback' section, and " + rollbackPath
							+ " undoes it too; keep one of them");
				}
				yield SqlScript.of(List.of(new Chunk(text, false, 1)), List.of(new Chunk(rollbackText, false, 1)));
			}
			case GOLANG_MIGRATE, PLAIN -> SqlScript.of(List.of(new Chunk(text, false, 1)),
					(rollbackText != null) ? List.of(new Chunk(rollbackText, false, 1)) : null);
		};
	}

	// -- +goose Up, -- +goose Down, and StatementBegin / StatementEnd around a statement taken whole.
	private static SqlScript goose(String text) {
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
	private static SqlScript dbmate(String text) {
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
	private static SqlScript liquibase(String text) {
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

	private static List<MigrationStep> steps(List<SqlScript.Statement> statements) {
		return statements.stream().map((statement) -> MigrationStep.sql(statement.sql(), statement.settings())).toList();
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
