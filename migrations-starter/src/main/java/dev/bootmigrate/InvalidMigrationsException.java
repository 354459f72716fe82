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
 * Thrown when the migration beans themselves are invalid: a blank, malformed or duplicate
 * version, or a missing description. Nothing has been applied.
 *
 * @author the bootmigrate authors
 */
public class InvalidMigrationsException extends MigrationException {

	private final List<String> problems;

	/**
	 * Create a new exception.
	 * @param problems one sentence per problem, each naming the beans concerned
	 */
	public InvalidMigrationsException(List<String> problems) {
		super("Invalid migrations:" + System.lineSeparator() + "  - "
				+ String.join(System.lineSeparator() + "  - ", problems));
		this.problems = List.copyOf(problems);
	}

	/**
	 * Return the problems found, one sentence each, naming the beans concerned.
	 * @return the problems
	 */
	public List<String> getProblems() {
		return this.problems;
	}

}
