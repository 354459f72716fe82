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
 * Thrown when Flyway's history table cannot be adopted: Flyway recorded migrations as
 * failed, so what they left in the database is not known, or it records versions this
 * starter cannot read. Nothing was recorded, and Flyway's table was not changed.
 *
 * @author the bootmigrate authors
 */
public class FlywayHistoryException extends MigrationException {

	private final String table;

	private final List<String> problems;

	private final List<String> failedVersions;

	private final List<String> deleteStatements;

	/**
	 * Create a new exception.
	 * @param table Flyway's history table
	 * @param problems one sentence per problem, each naming the row concerned
	 * @param failedVersions the versions of the versioned migrations Flyway recorded as
	 * failed, which can be recorded as applied once checked
	 * @param deleteStatements the statements that delete the failed rows from Flyway's
	 * table by hand, as Flyway's repair does
	 */
	public FlywayHistoryException(String table, List<String> problems, List<String> failedVersions,
			List<String> deleteStatements) {
		super("Cannot adopt Flyway's history table " + table + ":" + System.lineSeparator() + "  - "
				+ String.join(System.lineSeparator() + "  - ", problems));
		this.table = table;
		this.problems = List.copyOf(problems);
		this.failedVersions = List.copyOf(failedVersions);
		this.deleteStatements = List.copyOf(deleteStatements);
	}

	/**
	 * Return Flyway's history table.
	 * @return the table name
	 */
	public String getTable() {
		return this.table;
	}

	/**
	 * Return the problems found, one sentence each, naming the rows concerned.
	 * @return the problems
	 */
	public List<String> getProblems() {
		return this.problems;
	}

	/**
	 * Return the versions of the versioned migrations that Flyway recorded as failed:
	 * once an operator has checked that all their changes are in the database, the
	 * {@code mark-applied} command with {@code --migrations.version} records one as
	 * applied while it adopts the rest of Flyway's history.
	 * @return the versions, in the order Flyway recorded them
	 */
	public List<String> getFailedVersions() {
		return this.failedVersions;
	}

	/**
	 * Return the statements that delete the failed rows from Flyway's table, as Flyway's
	 * {@code repair} does: the migrations then run again at the next start, once what
	 * they left has been undone.
	 * @return the statements
	 */
	public List<String> getDeleteStatements() {
		return this.deleteStatements;
	}

}
