package org.clickhousemigrations.autoconfigure.report;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for command mode, without a dependency (so that it works without Jackson). Writes records
 * as objects of their components in order, maps as objects, iterables as arrays, numbers and
 * booleans as themselves, anything else as a string; reads objects as maps, arrays as lists,
 * numbers as {@link BigDecimal}.
 */
public final class Json {

	private Json() {
	}

	/** {@code value} as JSON, indented by two spaces. */
	public static String write(Object value) {
		StringBuilder out = new StringBuilder();
		write(value, out, "");
		return out.toString();
	}

	private static void write(Object value, StringBuilder out, String indent) {
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof Number || value instanceof Boolean) {
			out.append(value);
		}
		else if (value instanceof Map<?, ?> map) {
			object(map.entrySet().stream().map((entry) -> member(String.valueOf(entry.getKey()), entry.getValue()))
				.toList(), out, indent);
		}
		else if (value instanceof Record record) {
			object(Arrays.stream(record.getClass().getRecordComponents())
				.map((component) -> member(component.getName(), read(component, record)))
				.toList(), out, indent);
		}
		else if (value instanceof Iterable<?> items) {
			StringBuilder array = new StringBuilder();
			String inner = indent + "  ";
			for (Object item : items) {
				array.append(array.isEmpty() ? "" : ",").append('\n').append(inner);
				write(item, array, inner);
			}
			out.append('[').append(array).append(array.isEmpty() ? "" : "\n" + indent).append(']');
		}
		else {
			string(value.toString(), out);
		}
	}

	// A name and its value, which may be null.
	private static Map.Entry<String, Object> member(String name, Object value) {
		return new AbstractMap.SimpleImmutableEntry<>(name, value);
	}

	private static void object(List<Map.Entry<String, Object>> members, StringBuilder out, String indent) {
		if (members.isEmpty()) {
			out.append("{}");
			return;
		}
		String inner = indent + "  ";
		out.append('{');
		for (int i = 0; i < members.size(); i++) {
			out.append((i > 0) ? "," : "").append('\n').append(inner);
			string(members.get(i).getKey(), out);
			out.append(": ");
			write(members.get(i).getValue(), out, inner);
		}
		out.append('\n').append(indent).append('}');
	}

	/**
	 * Reads a JSON text.
	 * @throws IllegalArgumentException naming the offset of what is not JSON
	 */
	public static Object read(String text) {
		Reader reader = new Reader(text);
		Object value = reader.value();
		reader.skipBlanks();
		if (reader.at < text.length()) {
			throw reader.error("the end");
		}
		return value;
	}

	private static Object read(RecordComponent component, Record record) {
		try {
			return component.getAccessor().invoke(record);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot read " + component.getName() + " of " + record.getClass(), ex);
		}
	}

	private static void string(String text, StringBuilder out) {
		out.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

	private static final class Reader {

		private final String text;

		private int at;

		Reader(String text) {
			this.text = text;
		}

		Object value() {
			skipBlanks();
			if (this.at >= this.text.length()) {
				throw error("a value");
			}
			char c = this.text.charAt(this.at);
			if (c == '{') {
				Map<String, Object> object = new LinkedHashMap<>();
				this.at++;
				skipBlanks();
				if (peek('}')) {
					return object;
				}
				do {
					skipBlanks();
					String key = string();
					skipBlanks();
					expect(':');
					object.put(key, value());
					skipBlanks();
				}
				while (peek(','));
				expect('}');
				return object;
			}
			if (c == '[') {
				List<Object> array = new ArrayList<>();
				this.at++;
				skipBlanks();
				if (peek(']')) {
					return array;
				}
				do {
					array.add(value());
					skipBlanks();
				}
				while (peek(','));
				expect(']');
				return array;
			}
			if (c == '"') {
				return string();
			}
			for (String word : List.of("true", "false", "null")) {
				if (this.text.startsWith(word, this.at)) {
					this.at += word.length();
					return word.equals("null") ? null : Boolean.valueOf(word);
				}
			}
			int start = this.at;
			while (this.at < this.text.length() && "+-0123456789.eE".indexOf(this.text.charAt(this.at)) >= 0) {
				this.at++;
			}
			try {
				return new BigDecimal(this.text.substring(start, this.at));
			}
			catch (NumberFormatException ex) {
				this.at = start;
				throw error("a value");
			}
		}

		private String string() {
			expect('"');
			StringBuilder out = new StringBuilder();
			while (this.at < this.text.length() && this.text.charAt(this.at) != '"') {
				char c = this.text.charAt(this.at++);
				if (c != '\\') {
					out.append(c);
					continue;
				}
				char escaped = this.text.charAt(this.at++);
				switch (escaped) {
					case 'n' -> out.append('\n');
					case 'r' -> out.append('\r');
					case 't' -> out.append('\t');
					case 'b' -> out.append('\b');
					case 'f' -> out.append('\f');
					case 'u' -> {
						out.append((char) Integer.parseInt(this.text.substring(this.at, this.at + 4), 16));
						this.at += 4;
					}
					default -> out.append(escaped);
				}
			}
			expect('"');
			return out.toString();
		}

		void skipBlanks() {
			while (this.at < this.text.length() && Character.isWhitespace(this.text.charAt(this.at))) {
				this.at++;
			}
		}

		private boolean peek(char c) {
			if (this.at < this.text.length() && this.text.charAt(this.at) == c) {
				this.at++;
				return true;
			}
			return false;
		}

		private void expect(char c) {
			if (!peek(c)) {
				throw error("'" + c + "'");
			}
		}

		IllegalArgumentException error(String expected) {
			return new IllegalArgumentException("not JSON: " + expected + " expected at offset " + this.at);
		}

	}

}
