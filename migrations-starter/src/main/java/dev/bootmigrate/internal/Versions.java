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
package dev.bootmigrate.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The rules for migration versions: what a valid version looks like and how versions
 * order.
 * <p>
 * A version is split into runs of digits and runs of letters; separators ({@code .},
 * {@code _}, {@code -}) only end a run. Runs compare pairwise: digits as numbers (so
 * {@code 2 < 10} and {@code 1.2 < 1.10}), letters alphabetically ignoring case, and a
 * number before a word. Trailing zero runs do not count, so {@code 1} and {@code 1.0} are
 * the same version, as are {@code 1.2} and {@code 1_2}: two beans that declare such
 * versions are reported as duplicates rather than ordered arbitrarily.
 *
 * @author the bootmigrate authors
 */
public final class Versions {

	/**
	 * The longest version accepted; the history table's column holds it.
	 */
	public static final int MAX_LENGTH = 128;

	/**
	 * Orders versions naturally, as described in the class documentation.
	 */
	public static final Comparator<String> ORDER = Versions::compare;

	private Versions() {
	}

	/**
	 * Return why the given version is invalid, or {@code null} when it is valid.
	 * @param version the version to check
	 * @return the problem, as the end of a sentence, or {@code null}
	 */
	public static @Nullable String problem(@Nullable String version) {
		if (version == null || version.isBlank()) {
			return "is blank";
		}
		if (version.length() > MAX_LENGTH) {
			return "is longer than " + MAX_LENGTH + " characters";
		}
		if (!isWellFormed(version)) {
			return "is malformed: a version starts with a digit and contains only letters, digits and the "
					+ "separators '.', '_' and '-' (between two letters or digits), such as 3, 1.10 or 2025_06_17_01";
		}
		return null;
	}

	/**
	 * Whether the version starts with a digit and has single separators between runs of
	 * letters and digits: {@code [0-9][0-9A-Za-z]*([._-][0-9A-Za-z]+)*}, checked without
	 * a regular expression because it runs for every migration at every start.
	 */
	private static boolean isWellFormed(String version) {
		if (!isDigit(version.charAt(0))) {
			return false;
		}
		boolean afterSeparator = false;
		for (int i = 1; i < version.length(); i++) {
			char ch = version.charAt(i);
			if (isAlphanumeric(ch)) {
				afterSeparator = false;
			}
			else if ((ch == '.' || ch == '_' || ch == '-') && !afterSeparator) {
				afterSeparator = true;
			}
			else {
				return false;
			}
		}
		return !afterSeparator;
	}

	/**
	 * Compare two valid versions.
	 * @param left the first version
	 * @param right the second version
	 * @return a negative number, zero or a positive number as {@code left} comes before,
	 * is the same as, or comes after {@code right}
	 */
	public static int compare(String left, String right) {
		return key(left).compareTo(key(right));
	}

	/**
	 * Return the sort key of a valid version, to compare it many times cheaply.
	 * @param version the version
	 * @return the key
	 */
	public static Key key(String version) {
		int length = version.length();
		int count = 0;
		for (int i = 0; i < length; i++) {
			char ch = version.charAt(i);
			if (isAlphanumeric(ch) && (i == 0 || !isAlphanumeric(version.charAt(i - 1))
					|| isDigit(ch) != isDigit(version.charAt(i - 1)))) {
				count++;
			}
		}
		String[] runs = new String[count];
		int run = 0;
		int start = -1;
		for (int i = 0; i <= length; i++) {
			char ch = (i < length) ? version.charAt(i) : '.';
			if (start >= 0 && (!isAlphanumeric(ch) || isDigit(ch) != isDigit(version.charAt(start)))) {
				runs[run++] = normalize(version, start, i);
				start = -1;
			}
			if (start < 0 && isAlphanumeric(ch)) {
				start = i;
			}
		}
		while (count > 0 && runs[count - 1].isEmpty()) {
			count--;
		}
		return new Key((count == runs.length) ? runs : Arrays.copyOf(runs, count));
	}

	private static boolean isDigit(char ch) {
		return ch >= '0' && ch <= '9';
	}

	private static boolean isAlphanumeric(char ch) {
		return isDigit(ch) || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
	}

	/**
	 * Numbers lose their leading zeros ({@code 0} becomes the empty string), words are
	 * lower-cased and marked so that they sort after every number.
	 */
	private static String normalize(String version, int start, int end) {
		if (!isDigit(version.charAt(start))) {
			return WORD + version.substring(start, end).toLowerCase(Locale.ROOT);
		}
		int digits = start;
		while (digits < end && version.charAt(digits) == '0') {
			digits++;
		}
		return (digits == 0 && end == version.length()) ? version : version.substring(digits, end);
	}

	private static final char WORD = '~';

	/**
	 * A parsed version that compares as described in the class documentation.
	 */
	public static final class Key implements Comparable<Key> {

		private final String[] runs;

		private Key(String[] runs) {
			this.runs = runs;
		}

		@Override
		public int compareTo(Key other) {
			int count = Math.min(this.runs.length, other.runs.length);
			for (int i = 0; i < count; i++) {
				int result = compareRuns(this.runs[i], other.runs[i]);
				if (result != 0) {
					return result;
				}
			}
			return Integer.compare(this.runs.length, other.runs.length);
		}

		private static int compareRuns(String left, String right) {
			boolean leftWord = !left.isEmpty() && left.charAt(0) == WORD;
			boolean rightWord = !right.isEmpty() && right.charAt(0) == WORD;
			if (leftWord != rightWord) {
				return leftWord ? 1 : -1;
			}
			if (!leftWord && left.length() != right.length()) {
				return Integer.compare(left.length(), right.length());
			}
			return left.compareTo(right);
		}

		@Override
		public boolean equals(Object obj) {
			return (obj instanceof Key other) && Arrays.equals(this.runs, other.runs);
		}

		@Override
		public int hashCode() {
			return Arrays.hashCode(this.runs);
		}

	}

}
