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

import java.util.Comparator;

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
 * <p>
 * These checks run for every migration at every start, so they walk the characters
 * without allocating, and without regular expressions.
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
		int unsafe = Printable.indexOfUnsafe(version);
		if (unsafe >= 0) {
			return "contains the control character " + Printable.escape(version.substring(unsafe, unsafe + 1))
					+ " (shown escaped); a version contains only letters, digits and the separators '.', '_' and '-'";
		}
		if (!isWellFormed(version)) {
			return "is malformed: a version starts with a digit and contains only letters, digits and the "
					+ "separators '.', '_' and '-' (between two letters or digits), such as 3, 1.10 or 2025_06_17_01";
		}
		return null;
	}

	/**
	 * Whether the given version is valid: the same as {@code problem(version) == null},
	 * without building a message.
	 * @param version the version to check
	 * @return whether it is valid
	 */
	public static boolean isValid(@Nullable String version) {
		return version != null && !version.isEmpty() && version.length() <= MAX_LENGTH && isWellFormed(version);
	}

	/**
	 * Whether the version starts with a digit and has single separators between runs of
	 * letters and digits: {@code [0-9][0-9A-Za-z]*([._-][0-9A-Za-z]+)*}.
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
	 * Compare two versions.
	 * @param left the first version
	 * @param right the second version
	 * @return a negative number, zero or a positive number as {@code left} comes before,
	 * is the same as, or comes after {@code right}
	 */
	public static int compare(String left, String right) {
		int i = 0;
		int j = 0;
		while (true) {
			i = skipSeparators(left, i);
			j = skipSeparators(right, j);
			boolean leftEnded = i >= left.length();
			boolean rightEnded = j >= right.length();
			if (leftEnded || rightEnded) {
				if (leftEnded && rightEnded) {
					return 0;
				}
				return leftEnded ? (onlyZeros(right, j) ? 0 : -1) : (onlyZeros(left, i) ? 0 : 1);
			}
			boolean leftNumber = isDigit(left.charAt(i));
			boolean rightNumber = isDigit(right.charAt(j));
			if (leftNumber != rightNumber) {
				return leftNumber ? -1 : 1;
			}
			int leftEnd = runEnd(left, i);
			int rightEnd = runEnd(right, j);
			int result = leftNumber ? compareNumbers(left, i, leftEnd, right, j, rightEnd)
					: compareWords(left, i, leftEnd, right, j, rightEnd);
			if (result != 0) {
				return result;
			}
			i = leftEnd;
			j = rightEnd;
		}
	}

	/**
	 * Return the canonical form of a valid version: equal for versions that compare as
	 * equal, and the version itself for the common case of a number without leading
	 * zeros.
	 * @param version the version
	 * @return the canonical form
	 */
	public static String canonical(String version) {
		if (isPlainNumber(version)) {
			return version;
		}
		StringBuilder canonical = new StringBuilder(version.length());
		int kept = 0;
		int i = skipSeparators(version, 0);
		while (i < version.length()) {
			int end = runEnd(version, i);
			if (canonical.length() > 0) {
				canonical.append('.');
			}
			if (isDigit(version.charAt(i))) {
				int start = i;
				while (start < end - 1 && version.charAt(start) == '0') {
					start++;
				}
				canonical.append(version, start, end);
				if (end - start > 1 || version.charAt(start) != '0') {
					kept = canonical.length();
				}
			}
			else {
				for (int k = i; k < end; k++) {
					canonical.append(Character.toLowerCase(version.charAt(k)));
				}
				kept = canonical.length();
			}
			i = skipSeparators(version, end);
		}
		return (kept == 0) ? "0" : canonical.substring(0, kept);
	}

	private static boolean isPlainNumber(String version) {
		if (version.isEmpty() || version.charAt(0) == '0') {
			return false;
		}
		for (int i = 0; i < version.length(); i++) {
			if (!isDigit(version.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static int compareNumbers(String left, int i, int leftEnd, String right, int j, int rightEnd) {
		while (i < leftEnd - 1 && left.charAt(i) == '0') {
			i++;
		}
		while (j < rightEnd - 1 && right.charAt(j) == '0') {
			j++;
		}
		int leftDigits = leftEnd - i;
		int rightDigits = rightEnd - j;
		if (leftDigits != rightDigits) {
			return Integer.compare(leftDigits, rightDigits);
		}
		for (; i < leftEnd; i++, j++) {
			int result = Character.compare(left.charAt(i), right.charAt(j));
			if (result != 0) {
				return result;
			}
		}
		return 0;
	}

	private static int compareWords(String left, int i, int leftEnd, String right, int j, int rightEnd) {
		for (; i < leftEnd && j < rightEnd; i++, j++) {
			int result = Character.compare(Character.toLowerCase(left.charAt(i)),
					Character.toLowerCase(right.charAt(j)));
			if (result != 0) {
				return result;
			}
		}
		return Integer.compare(leftEnd - i, rightEnd - j);
	}

	/**
	 * Whether what is left of a version from the given index is only zero runs.
	 */
	private static boolean onlyZeros(String version, int from) {
		for (int i = from; i < version.length(); i++) {
			char ch = version.charAt(i);
			if (ch != '0' && isAlphanumeric(ch)) {
				return false;
			}
		}
		return true;
	}

	private static int skipSeparators(String version, int from) {
		while (from < version.length() && !isAlphanumeric(version.charAt(from))) {
			from++;
		}
		return from;
	}

	private static int runEnd(String version, int start) {
		boolean digits = isDigit(version.charAt(start));
		int end = start + 1;
		while (end < version.length() && isAlphanumeric(version.charAt(end))
				&& isDigit(version.charAt(end)) == digits) {
			end++;
		}
		return end;
	}

	private static boolean isDigit(char ch) {
		return ch >= '0' && ch <= '9';
	}

	private static boolean isAlphanumeric(char ch) {
		return isDigit(ch) || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
	}

}
