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

import dev.bootmigrate.Versions;

/**
 * The name of a migration file, read as Flyway reads it:
 * {@code V<version>__<description>.sql} (versioned),
 * {@code U<version>__<description>.sql} (the rollback of that version) or
 * {@code R__<description>.sql} (repeatable). Underscores in the version become dots, as
 * Flyway records them ({@code V1_1__} is version {@code 1.1}); underscores in the
 * description become spaces.
 *
 * @param type the type of file
 * @param version the version, empty for a repeatable migration
 * @param description the description
 * @author the bootmigrate authors
 */
record SqlFileName(Type type, String version, String description) {

	static final String SUFFIX = ".sql";

	static final String PATTERNS = "V<version>__<description>.sql for a versioned migration, "
			+ "U<version>__<description>.sql for its rollback, R__<description>.sql for a repeatable migration";

	private static final String SEPARATOR = "__";

	/**
	 * Whether the given file name ends with {@code .sql}, ignoring case.
	 * @param fileName the file name
	 * @return whether it is an SQL file
	 */
	static boolean isSql(String fileName) {
		return fileName.regionMatches(true, fileName.length() - SUFFIX.length(), SUFFIX, 0, SUFFIX.length());
	}

	/**
	 * Read the name of an SQL file.
	 * @param fileName the file name, ending with {@code .sql}
	 * @return the name
	 * @throws IllegalArgumentException if the name does not follow the patterns, with the
	 * reason as message
	 */
	static SqlFileName parse(String fileName) {
		String base = fileName.substring(0, fileName.length() - SUFFIX.length());
		char prefix = base.isEmpty() ? ' ' : base.charAt(0);
		if (prefix != 'V' && prefix != 'U' && prefix != 'R') {
			throw new IllegalArgumentException(unknownPrefix(base));
		}
		String rest = base.substring(1);
		int separator = rest.indexOf(SEPARATOR);
		if (separator < 0) {
			throw new IllegalArgumentException("no double underscore (__) separates the "
					+ ((prefix == 'R') ? "R" : "version") + " from the description" + suggestion(base));
		}
		String description = rest.substring(separator + SEPARATOR.length()).replace('_', ' ');
		if (description.isBlank()) {
			throw new IllegalArgumentException("it has no description after the double underscore (__)");
		}
		if (prefix == 'R') {
			if (separator > 0) {
				throw new IllegalArgumentException("a repeatable migration (R) has no version, yet '"
						+ rest.substring(0, separator) + "' comes before the double underscore (__)");
			}
			return new SqlFileName(Type.REPEATABLE, "", description);
		}
		if (separator == 0) {
			throw new IllegalArgumentException(
					"it has no version between " + prefix + " and the double underscore (__)");
		}
		String version = rest.substring(0, separator).replace('_', '.');
		String problem = Versions.problem(version);
		if (problem != null) {
			throw new IllegalArgumentException("its version '" + version + "' " + problem);
		}
		return new SqlFileName((prefix == 'V') ? Type.VERSIONED : Type.ROLLBACK, version, description);
	}

	private static String unknownPrefix(String base) {
		if (base.startsWith("v") || base.startsWith("u") || base.startsWith("r")) {
			return "its prefix must be an upper-case V, U or R";
		}
		if (base.startsWith("before") || base.startsWith("after") || base.equals("createSchema")) {
			return "it looks like a Flyway callback, which this starter does not run (write it as a migration or a "
					+ "bean, or ignore the file)";
		}
		return "it does not start with V, U or R";
	}

	/**
	 * Suggest a name for a versioned file whose description starts after a single
	 * underscore, as {@code V2_42_18_Update}: {@code V2_42_18__Update}.
	 */
	private static String suggestion(String base) {
		if (base.charAt(0) == 'R') {
			return "";
		}
		for (int i = 2; i < base.length() - 1; i++) {
			if (base.charAt(i) == '_' && !Character.isDigit(base.charAt(i + 1))) {
				String version = base.substring(1, i).replace('_', '.');
				if (Versions.isValid(version)) {
					return " (did you mean " + base.substring(0, i) + "_" + base.substring(i) + SUFFIX + "?)";
				}
				break;
			}
		}
		return "";
	}

	/**
	 * The types of migration file.
	 */
	enum Type {

		/**
		 * {@code V<version>__<description>.sql}: applied once.
		 */
		VERSIONED,

		/**
		 * {@code U<version>__<description>.sql}: the rollback of that version.
		 */
		ROLLBACK,

		/**
		 * {@code R__<description>.sql}: applied again whenever its checksum changes.
		 */
		REPEATABLE

	}

}
