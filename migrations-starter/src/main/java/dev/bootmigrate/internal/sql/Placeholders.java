/*
 * Copyright 2026 the bootmigrate authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.bootmigrate.internal.sql;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Replaces placeholders, {@code ${name}}, in scripts, as Flyway does: anywhere in the
 * text, comments and strings included, with names that ignore case. A placeholder without
 * a value is an error. One placeholder is built in: {@code ${flyway:filename}}, the name
 * of the file; the other placeholders Flyway builds in describe its own connection and
 * history table, and have a value here only if one is given.
 * <p>
 * Messages show the text of a file as written, placeholders unreplaced; the values of
 * placeholders whose names look sensitive are masked in the database's own messages.
 *
 * @author the bootmigrate authors
 */
final class Placeholders {

	static final String FILENAME = "flyway:filename";

	private static final String PREFIX = "${";

	private static final String MASK = "******";

	private static final String[] SENSITIVE_NAMES = { "password", "secret", "token", "credential", "key" };

	private final Map<String, String> values;

	private final boolean enabled;

	private Placeholders(Map<String, String> values, boolean enabled) {
		this.values = values;
		this.enabled = enabled;
	}

	/**
	 * Return placeholders with the given values.
	 * @param values the values by name; names ignore case
	 * @param enabled whether to replace placeholders at all
	 * @return the placeholders
	 */
	static Placeholders of(Map<String, String> values, boolean enabled) {
		Map<String, String> lowerCase = new HashMap<>();
		values.forEach((name, value) -> lowerCase.put(name.toLowerCase(Locale.ROOT), value));
		return new Placeholders(lowerCase, enabled);
	}

	/**
	 * Replace the placeholders in the given script.
	 * @param text the script
	 * @param fileName the name of its file, the value of {@code ${flyway:filename}}
	 * @return the script with its placeholders replaced, or the script itself when it has
	 * none
	 * @throws ScriptProblem if a placeholder has no value or is not closed
	 */
	Replaced replace(String text, String fileName) {
		int found = this.enabled ? text.indexOf(PREFIX) : -1;
		if (found < 0) {
			return new Replaced(text);
		}
		StringBuilder replaced = new StringBuilder(text.length() + 64);
		int[] offsets = new int[8];
		int count = 0;
		int copied = 0;
		while (found >= 0) {
			int close = text.indexOf('}', found + PREFIX.length());
			if (close < 0) {
				throw new ScriptProblem(lineOf(text, found), "the placeholder that starts on line "
						+ lineOf(text, found) + " is not closed (}); placeholders are written ${name}");
			}
			String name = text.substring(found + PREFIX.length(), close);
			String value = value(name, fileName);
			if (value == null) {
				throw new ScriptProblem(lineOf(text, found), unknown(name, lineOf(text, found)));
			}
			replaced.append(text, copied, found);
			if (count * 4 + 4 > offsets.length) {
				offsets = Arrays.copyOf(offsets, offsets.length * 2);
			}
			// Where the value starts and ends in the result, and the placeholder in the
			// text
			offsets[count * 4] = replaced.length();
			replaced.append(value);
			offsets[count * 4 + 1] = replaced.length();
			offsets[count * 4 + 2] = found;
			offsets[count * 4 + 3] = close + 1;
			count++;
			copied = close + 1;
			found = text.indexOf(PREFIX, copied);
		}
		replaced.append(text, copied, text.length());
		return new Replaced(replaced.toString(), text, Arrays.copyOf(offsets, count * 4));
	}

	/**
	 * Mask the values of the placeholders whose names look sensitive (password, secret,
	 * token, credential, key) in the given text, such as a database's message that quotes
	 * a statement.
	 * @param text the text
	 * @return the text with those values masked
	 */
	String mask(String text) {
		String masked = text;
		for (Map.Entry<String, String> placeholder : this.values.entrySet()) {
			if (!placeholder.getValue().isEmpty() && isSensitive(placeholder.getKey())) {
				masked = masked.replace(placeholder.getValue(), MASK);
			}
		}
		return masked;
	}

	private static boolean isSensitive(String name) {
		for (String sensitive : SENSITIVE_NAMES) {
			if (name.contains(sensitive)) {
				return true;
			}
		}
		return false;
	}

	private String value(String name, String fileName) {
		String value = this.values.get(name.toLowerCase(Locale.ROOT));
		if (value == null && name.equalsIgnoreCase(FILENAME)) {
			return fileName;
		}
		return value;
	}

	private static String unknown(String name, int line) {
		String placeholder = PREFIX + name + "}";
		if (name.regionMatches(true, 0, "flyway:", 0, "flyway:".length())) {
			return "the placeholder " + placeholder + " on line " + line + " is built into Flyway, not here (only ${"
					+ FILENAME + "} is): give it a value as migrations.placeholders.[" + name
					+ "], or remove it from the file";
		}
		return "the placeholder " + placeholder + " on line " + line + " has no value: give it one as "
				+ "migrations.placeholders." + name + ", or switch placeholder replacement off "
				+ "(migrations.placeholder-replacement=false) if the file means ${ literally";
	}

	static int lineOf(String text, int offset) {
		int line = 1;
		for (int i = 0; i < offset; i++) {
			char ch = text.charAt(i);
			if (ch == '\n' || (ch == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
				line++;
			}
		}
		return line;
	}

	/**
	 * A script with its placeholders replaced, which maps offsets in the result back to
	 * the original text, for the lines and the text shown in messages: those show the
	 * placeholders, never their values, which may be secrets.
	 */
	static final class Replaced {

		private final String text;

		private final String original;

		private final int[] offsets;

		Replaced(String text) {
			this(text, text, new int[0]);
		}

		private Replaced(String text, String original, int[] offsets) {
			this.text = text;
			this.original = original;
			this.offsets = offsets;
		}

		/**
		 * Return the script with its placeholders replaced.
		 * @return the text
		 */
		String text() {
			return this.text;
		}

		/**
		 * Whether any placeholder was replaced.
		 * @return whether the text differs from the original
		 */
		boolean changed() {
			return this.offsets.length > 0;
		}

		/**
		 * Return the line of the original text on which the given offset of the result
		 * is.
		 * @param offset an offset in the result
		 * @return the line, from 1
		 */
		int originalLine(int offset) {
			return lineOf(this.original, originalOffset(offset));
		}

		/**
		 * Return the original text of a part of the result: placeholders as written.
		 * @param start where the part starts in the result
		 * @param end where it ends
		 * @return the original text
		 */
		String original(int start, int end) {
			return this.original.substring(originalOffset(start), Math.max(originalOffset(start), originalOffset(end)));
		}

		private int originalOffset(int offset) {
			int delta = 0;
			for (int i = 0; i < this.offsets.length; i += 4) {
				int valueStart = this.offsets[i];
				int valueEnd = this.offsets[i + 1];
				if (offset < valueStart) {
					break;
				}
				if (offset < valueEnd) {
					// Inside a value: the placeholder
					return this.offsets[i + 2];
				}
				delta = this.offsets[i + 3] - valueEnd;
			}
			return offset + delta;
		}

	}

}
