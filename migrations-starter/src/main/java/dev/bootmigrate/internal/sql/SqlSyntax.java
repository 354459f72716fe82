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

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.boot.jdbc.DatabaseDriver;

/**
 * The lexical rules of the SQL of a database family, which the {@link SqlSplitter}
 * follows, and the statements that cannot run inside a transaction there.
 *
 * @author the bootmigrate authors
 */
enum SqlSyntax {

	/**
	 * PostgreSQL: nested block comments, dollar-quoted strings ({@code $$},
	 * {@code $tag$}), escape strings ({@code E'...'}), {@code BEGIN ATOMIC} bodies.
	 */
	POSTGRESQL(Set.of(), Feature.NESTED_COMMENTS, Feature.DOLLAR_QUOTES, Feature.DOLLAR_QUOTE_TAGS,
			Feature.ESCAPE_STRINGS, Feature.BEGIN_ATOMIC) {

		private static final Pattern FROM_STDIN = Pattern.compile("\\bFROM\\s+STDIN\\b", Pattern.CASE_INSENSITIVE);

		@Override
		SqlStatement.Kind classify(String[] words, int count, CharSequence statement) {
			String first = word(words, count, 0);
			if ((first.equals("CREATE") || first.equals("DROP")) && isConcurrentIndex(words, count)) {
				return SqlStatement.Kind.NON_TRANSACTIONAL;
			}
			if (first.equals("REINDEX")) {
				return isNonTransactionalReindex(words, count) ? SqlStatement.Kind.NON_TRANSACTIONAL
						: SqlStatement.Kind.TRANSACTIONAL;
			}
			String second = word(words, count, 1);
			if (first.equals("VACUUM") || (first.equals("ALTER") && second.equals("SYSTEM"))
					|| (first.equals("DISCARD") && second.equals("ALL"))
					|| ((first.equals("CREATE") || first.equals("DROP")) && (second.equals("DATABASE")
							|| second.equals("TABLESPACE") || second.equals("SUBSCRIPTION")))) {
				return SqlStatement.Kind.NON_TRANSACTIONAL;
			}
			if (first.equals("ALTER") && second.equals("TYPE") && followedBy(words, count, "ADD", "VALUE")) {
				return SqlStatement.Kind.ADD_ENUM_VALUE;
			}
			if (first.equals("COPY") && FROM_STDIN.matcher(statement).find()) {
				return SqlStatement.Kind.COPY_FROM_STDIN;
			}
			return SqlStatement.Kind.TRANSACTIONAL;
		}

		private static boolean isConcurrentIndex(String[] words, int count) {
			int index = word(words, count, 1).equals("UNIQUE") ? 2 : 1;
			return word(words, count, index).equals("INDEX") && word(words, count, index + 1).equals("CONCURRENTLY");
		}

		private static boolean isNonTransactionalReindex(String[] words, int count) {
			boolean objectFound = false;
			for (int i = 1; i < Math.min(count, words.length); i++) {
				switch (words[i]) {
					case "CONCURRENTLY":
						return true;
					case "SCHEMA", "DATABASE", "SYSTEM":
						if (!objectFound) {
							return true;
						}
						break;
					case "INDEX", "TABLE":
						objectFound = true;
						break;
					default:
						break;
				}
			}
			return false;
		}

	},

	/**
	 * MySQL and MariaDB: {@code #} comments, {@code --} comments only when followed by a
	 * space, executable comments ({@code /*! ... *}{@code /}), backslash escapes in
	 * strings quoted with {@code '} or {@code "}, backquoted identifiers, the
	 * {@code DELIMITER} command, and the {@code BEGIN ... END} bodies of routines,
	 * triggers and events.
	 */
	MYSQL(Set.of("PROCEDURE", "FUNCTION", "TRIGGER", "EVENT"), Feature.HASH_COMMENTS,
			Feature.DASH_DASH_COMMENTS_NEED_SPACE, Feature.EXECUTABLE_COMMENTS, Feature.BACKSLASH_ESCAPES,
			Feature.DOUBLE_QUOTED_STRINGS, Feature.BACKTICKS, Feature.DELIMITER_COMMAND, Feature.BEGIN_NOT_ATOMIC),

	/**
	 * H2: {@code //} comments, nested block comments, {@code $$} strings (the source of
	 * Java functions and triggers), backquoted identifiers.
	 */
	H2(Set.of("PROCEDURE", "FUNCTION", "TRIGGER"), Feature.SLASH_SLASH_COMMENTS, Feature.NESTED_COMMENTS,
			Feature.DOLLAR_QUOTES, Feature.BACKTICKS),

	/**
	 * SQLite: identifiers in brackets or backquotes, the {@code BEGIN ... END} bodies of
	 * triggers; {@code VACUUM} cannot run inside a transaction.
	 */
	SQLITE(Set.of("TRIGGER"), Feature.BACKTICKS, Feature.BRACKETS) {

		@Override
		SqlStatement.Kind classify(String[] words, int count, CharSequence statement) {
			return word(words, count, 0).equals("VACUUM") ? SqlStatement.Kind.NON_TRANSACTIONAL
					: SqlStatement.Kind.TRANSACTIONAL;
		}

	},

	/**
	 * Standard SQL, for the other databases: {@code --} and {@code /* *}{@code /}
	 * comments, strings and quoted identifiers with doubled quotes, and the
	 * {@code BEGIN ... END} bodies of routines and triggers.
	 */
	STANDARD(Set.of("PROCEDURE", "FUNCTION", "TRIGGER"));

	private final Set<String> routines;

	private final Set<Feature> features;

	SqlSyntax(Set<String> routines, Feature... features) {
		this.routines = routines;
		this.features = features.length == 0 ? EnumSet.noneOf(Feature.class) : EnumSet.of(features[0], features);
	}

	/**
	 * Return the syntax of the given database.
	 * @param database the database
	 * @return its syntax, {@link #STANDARD} for databases without their own
	 */
	static SqlSyntax of(DatabaseDriver database) {
		return switch (database) {
			case POSTGRESQL -> POSTGRESQL;
			case MYSQL, MARIADB -> MYSQL;
			case H2 -> H2;
			case SQLITE -> SQLITE;
			default -> STANDARD;
		};
	}

	boolean has(Feature feature) {
		return this.features.contains(feature);
	}

	/**
	 * Whether a {@code CREATE} statement of the given kind of object has a body whose
	 * statements end with {@code ;}, between {@code BEGIN} and {@code END}.
	 * @param word the upper-case word after {@code CREATE} (and its modifiers)
	 * @return whether it is a routine with a body
	 */
	boolean isRoutine(String word) {
		return this.routines.contains(word);
	}

	/**
	 * Classify a statement by its first words.
	 * @param words the first words of the statement, upper case, outside strings,
	 * comments and quoted identifiers
	 * @param count how many words the statement has (more than the array holds if long)
	 * @param statement the statement
	 * @return its kind
	 */
	SqlStatement.Kind classify(String[] words, int count, CharSequence statement) {
		return SqlStatement.Kind.TRANSACTIONAL;
	}

	private static String word(String[] words, int count, int index) {
		return (index < Math.min(count, words.length)) ? words[index] : "";
	}

	private static boolean followedBy(String[] words, int count, String first, String second) {
		for (int i = 2; i < Math.min(count, words.length) - 1; i++) {
			if (words[i].equals(first) && words[i + 1].equals(second)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A lexical rule that some families follow.
	 */
	enum Feature {

		/**
		 * Block comments nest: {@code /* /* *}{@code / *}{@code /} is one comment.
		 */
		NESTED_COMMENTS,

		/**
		 * {@code $$...$$} quotes a string.
		 */
		DOLLAR_QUOTES,

		/**
		 * {@code $tag$...$tag$} quotes a string, and {@code $1} is a parameter.
		 */
		DOLLAR_QUOTE_TAGS,

		/**
		 * {@code E'...'} is a string with backslash escapes.
		 */
		ESCAPE_STRINGS,

		/**
		 * {@code BEGIN ATOMIC ... END} is a function body whose statements end with
		 * {@code ;}.
		 */
		BEGIN_ATOMIC,

		/**
		 * {@code BEGIN NOT ATOMIC ... END} is an anonymous block (MariaDB).
		 */
		BEGIN_NOT_ATOMIC,

		/**
		 * {@code #} starts a comment to the end of the line.
		 */
		HASH_COMMENTS,

		/**
		 * {@code --} starts a comment only when a space or a line break follows.
		 */
		DASH_DASH_COMMENTS_NEED_SPACE,

		/**
		 * {@code //} starts a comment to the end of the line.
		 */
		SLASH_SLASH_COMMENTS,

		/**
		 * {@code /*!...*}{@code /} and {@code /*M!...*}{@code /} are code, not comments.
		 */
		EXECUTABLE_COMMENTS,

		/**
		 * A backslash escapes the next character in a string.
		 */
		BACKSLASH_ESCAPES,

		/**
		 * Double quotes delimit strings, with the rules of single quotes.
		 */
		DOUBLE_QUOTED_STRINGS,

		/**
		 * Backquotes delimit identifiers.
		 */
		BACKTICKS,

		/**
		 * Square brackets delimit identifiers.
		 */
		BRACKETS,

		/**
		 * A line {@code DELIMITER //} changes the statement delimiter (a command of the
		 * {@code mysql} client, never sent to the server).
		 */
		DELIMITER_COMMAND

	}

}
