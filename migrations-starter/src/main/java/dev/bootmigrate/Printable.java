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
package dev.bootmigrate;

import org.jspecify.annotations.Nullable;

/**
 * Escapes the characters that could forge what a log line, a report or a terminal shows:
 * control characters (C0, {@code DEL} and C1, so line breaks and terminal escape
 * sequences), the Unicode line and paragraph separators and the bidirectional formatting
 * characters. Migration beans may not declare them; rows that someone wrote into the
 * history table by hand may hold them, so every value read from it is printed through
 * {@link #escape(String)}.
 *
 * @author the bootmigrate authors
 */
public final class Printable {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private Printable() {
	}

	/**
	 * Return the index of the first character of the text that is not safe to print, or
	 * -1 if there is none.
	 * @param text the text
	 * @return the index or -1
	 */
	public static int indexOfUnsafe(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (isUnsafe(text.charAt(i))) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Return the text with every character that is not safe to print escaped, as
	 * {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX}.
	 * @param text the text, or {@code null}
	 * @return the text itself when it has nothing to escape, or {@code "null"}
	 */
	public static String escape(@Nullable String text) {
		if (text == null) {
			return "null";
		}
		int first = indexOfUnsafe(text);
		if (first < 0) {
			return text;
		}
		StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, first);
		for (int i = first; i < text.length(); i++) {
			char ch = text.charAt(i);
			if (!isUnsafe(ch)) {
				escaped.append(ch);
			}
			else if (ch == '\n') {
				escaped.append("\\n");
			}
			else if (ch == '\r') {
				escaped.append("\\r");
			}
			else if (ch == '\t') {
				escaped.append("\\t");
			}
			else {
				escaped.append("\\u")
					.append(HEX[(ch >> 12) & 0xF])
					.append(HEX[(ch >> 8) & 0xF])
					.append(HEX[(ch >> 4) & 0xF])
					.append(HEX[ch & 0xF]);
			}
		}
		return escaped.toString();
	}

	private static boolean isUnsafe(char ch) {
		if (ch < 0x20 || (ch >= 0x7F && ch <= 0x9F)) {
			return true;
		}
		if (ch < 0x061C) {
			return false;
		}
		return ch == 0x061C || ch == 0x200E || ch == 0x200F || (ch >= 0x2028 && ch <= 0x202E)
				|| (ch >= 0x2066 && ch <= 0x2069);
	}

}
