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
package dev.bootmigrate.sample.migrations;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Changes SQLite cannot make with {@code ALTER TABLE}, made by rebuilding the table in
 * the migration's transaction: a new table with the changed definition, the rows copied,
 * the old table dropped, the new one renamed, its indexes and triggers created again
 * (SQLite's procedure, described in {@code docs/databases.md}).
 *
 * @author the bootmigrate authors
 */
final class SqliteTables {

	private static final Pattern NOT_NULL = Pattern.compile("(?i)\\s+NOT\\s+NULL\\b");

	private SqliteTables() {
	}

	/**
	 * Return a change that makes the given column required.
	 * @param column the column
	 * @return the change
	 */
	static ColumnChange notNull(String column) {
		return new ColumnChange(column,
				(definition) -> NOT_NULL.matcher(definition).find() ? definition : definition + " NOT NULL");
	}

	/**
	 * Return a change that makes the given column optional.
	 * @param column the column
	 * @return the change
	 */
	static ColumnChange nullable(String column) {
		return new ColumnChange(column, (definition) -> NOT_NULL.matcher(definition).replaceAll(""));
	}

	/**
	 * Rebuild the table with the definition of one column changed, keeping its rows, its
	 * other columns and constraints, its indexes and its triggers.
	 * @param jdbc the migration's {@code JdbcTemplate}, in its transaction
	 * @param table the table
	 * @param change the change of one column's definition
	 * @throws IllegalStateException if foreign keys are enforced and other tables
	 * reference the table: dropping it would fire their {@code ON DELETE} actions
	 */
	static void rebuild(JdbcTemplate jdbc, String table, ColumnChange change) {
		String create = jdbc.queryForObject("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?",
				String.class, table);
		List<String> indexesAndTriggers = jdbc.queryForList(
				"SELECT sql FROM sqlite_schema WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL",
				String.class, table);
		boolean foreignKeys = jdbc.queryForObject("PRAGMA foreign_keys", Integer.class) == 1;
		if (foreignKeys && isReferenced(jdbc, table)) {
			throw new IllegalStateException("Foreign keys are enforced and other tables reference " + table
					+ ": rebuilding it in a transaction would fire their ON DELETE actions. Rebuild it in a "
					+ "non-transactional migration with PRAGMA foreign_keys = OFF (see docs/databases.md)");
		}
		String columns = String.join(", ",
				jdbc.queryForList("SELECT name FROM pragma_table_info(?) ORDER BY cid", String.class, table));
		String rebuilt = table + "_new";
		jdbc.execute(withColumnChanged(create, rebuilt, change));
		jdbc.execute("INSERT INTO " + rebuilt + " (" + columns + ") SELECT " + columns + " FROM " + table);
		jdbc.execute("DROP TABLE " + table);
		jdbc.execute("ALTER TABLE " + rebuilt + " RENAME TO " + table);
		indexesAndTriggers.forEach(jdbc::execute);
		if (foreignKeys && !jdbc.queryForList("PRAGMA foreign_key_check(" + table + ")").isEmpty()) {
			throw new IllegalStateException("Rows of " + table + " break its foreign keys after the rebuild");
		}
	}

	private static boolean isReferenced(JdbcTemplate jdbc, String table) {
		return jdbc.queryForObject(
				"SELECT COUNT(*) FROM sqlite_schema s, pragma_foreign_key_list(s.name) f "
						+ "WHERE s.type = 'table' AND s.name <> ? AND LOWER(f.\"table\") = LOWER(?)",
				Integer.class, table, table) > 0;
	}

	/**
	 * Return the table's {@code CREATE TABLE} statement for a new name, with the
	 * definition of one column changed.
	 */
	private static String withColumnChanged(String create, String newName, ColumnChange change) {
		int open = create.indexOf('(');
		int close = create.lastIndexOf(')');
		List<String> definitions = splitTopLevel(create.substring(open + 1, close));
		boolean found = false;
		for (int i = 0; i < definitions.size(); i++) {
			String definition = definitions.get(i).strip();
			if (firstWord(definition).equalsIgnoreCase(change.column())) {
				definitions.set(i, change.definition().apply(definition));
				found = true;
			}
		}
		if (!found) {
			throw new IllegalStateException("No column " + change.column() + " in " + create);
		}
		return "CREATE TABLE " + newName + " (" + String.join(", ", definitions.stream().map(String::strip).toList())
				+ ")" + create.substring(close + 1);
	}

	/**
	 * Split the definitions of a {@code CREATE TABLE} at the commas that are not in
	 * parentheses or quotes.
	 */
	private static List<String> splitTopLevel(String body) {
		List<String> parts = new ArrayList<>();
		int depth = 0;
		char quote = 0;
		int start = 0;
		for (int i = 0; i < body.length(); i++) {
			char ch = body.charAt(i);
			if (quote != 0) {
				quote = (ch == quote) ? 0 : quote;
			}
			else if (ch == '\'' || ch == '"' || ch == '`' || ch == '[') {
				quote = (ch == '[') ? ']' : ch;
			}
			else if (ch == '(') {
				depth++;
			}
			else if (ch == ')') {
				depth--;
			}
			else if (ch == ',' && depth == 0) {
				parts.add(body.substring(start, i));
				start = i + 1;
			}
		}
		parts.add(body.substring(start));
		return parts;
	}

	private static String firstWord(String definition) {
		String word = definition.split("\\s+", 2)[0];
		return word.replaceAll("^[\"`\\[]|[\"`\\]]$", "").toLowerCase(Locale.ROOT);
	}

	/**
	 * A change of one column's definition.
	 *
	 * @param column the column
	 * @param definition how its definition changes
	 */
	record ColumnChange(String column, UnaryOperator<String> definition) {

	}

}
