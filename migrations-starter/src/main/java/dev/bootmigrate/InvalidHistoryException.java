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

/**
 * Thrown when rows of the history table cannot be matched with migrations one to one: two
 * rows record the same version spelled differently (such as {@code 2} and {@code 02}), or
 * a row records a version that is not valid. Such rows are written by hand; nothing has
 * been applied or changed.
 *
 * @author the bootmigrate authors
 */
public class InvalidHistoryException extends MigrationException {

	private final String table;

	private final List<String> problems;

	/**
	 * Create a new exception.
	 * @param table the history table
	 * @param problems one sentence per problem, each naming the rows concerned and how to
	 * fix them
	 */
	public InvalidHistoryException(String table, List<String> problems) {
		super("The history table " + table + " has rows that cannot be matched with migrations:"
				+ System.lineSeparator() + "  - " + String.join(System.lineSeparator() + "  - ", problems));
		this.table = table;
		this.problems = List.copyOf(problems);
	}

	/**
	 * Return the history table.
	 * @return the qualified table name
	 */
	public String getTable() {
		return this.table;
	}

	/**
	 * Return the problems found, one sentence each, naming the rows concerned and how to
	 * fix them.
	 * @return the problems
	 */
	public List<String> getProblems() {
		return this.problems;
	}

}
