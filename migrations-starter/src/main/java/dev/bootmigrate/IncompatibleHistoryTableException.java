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

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a table of the history table's name exists but has other columns, such as
 * the {@code schema_migrations} table of another tool. Nothing has been applied, and the
 * table has been left as it is.
 *
 * @author the bootmigrate authors
 */
public class IncompatibleHistoryTableException extends MigrationException {

	private final String table;

	private final List<String> columns;

	private final List<String> expectedColumns;

	/**
	 * Create a new exception.
	 * @param table the table, qualified by its schema
	 * @param columns the columns it has
	 * @param expectedColumns the columns a history table has
	 * @param cause the cause, or {@code null}
	 */
	public IncompatibleHistoryTableException(String table, List<String> columns, List<String> expectedColumns,
			@Nullable Throwable cause) {
		super("The table " + table + " is not a history table of this starter: it has the column"
				+ ((columns.size() != 1) ? "s " : " ") + String.join(", ", columns) + ", where a history table has "
				+ String.join(", ", expectedColumns) + " (missing: "
				+ String.join(", ", expectedColumns.stream().filter((column) -> !columns.contains(column)).toList())
				+ "). It may belong to another tool: Rails, for one, keeps a schema_migrations table of its own",
				cause);
		this.table = table;
		this.columns = List.copyOf(columns);
		this.expectedColumns = List.copyOf(expectedColumns);
	}

	/**
	 * Return the table, qualified by its schema.
	 * @return the table
	 */
	public String getTable() {
		return this.table;
	}

	/**
	 * Return the columns the table has, in lower case.
	 * @return the columns, in their order in the table
	 */
	public List<String> getColumns() {
		return this.columns;
	}

	/**
	 * Return the columns a history table has.
	 * @return the expected columns
	 */
	public List<String> getExpectedColumns() {
		return this.expectedColumns;
	}

}
