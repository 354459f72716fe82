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
 * Thrown when invalid indexes are found in the history table's schema right after a
 * migration that ran without a transaction: an interrupted or failed
 * {@code CREATE INDEX CONCURRENTLY} leaves its index behind, marked invalid, and
 * {@code CREATE INDEX CONCURRENTLY IF NOT EXISTS} then skips it. The migration is not
 * recorded as applied.
 *
 * @author the bootmigrate authors
 */
public class InvalidIndexException extends MigrationException {

	private final List<String> indexes;

	private final List<String> dropStatements;

	/**
	 * Create a new exception.
	 * @param schema the schema the indexes are in
	 * @param indexes each invalid index and its table, such as
	 * {@code public.account_email on public.account}
	 * @param dropStatements the statements that drop them
	 */
	public InvalidIndexException(String schema, List<String> indexes, List<String> dropStatements) {
		super("Schema " + schema + " has " + ((indexes.size() != 1) ? "invalid indexes" : "an invalid index") + ": "
				+ String.join(", ", indexes) + ". An interrupted or failed CREATE INDEX CONCURRENTLY leaves its "
				+ "index behind, marked invalid: queries do not use it, and CREATE INDEX CONCURRENTLY IF NOT EXISTS "
				+ "skips it. Drop it (" + String.join(" ", dropStatements) + ") and start again");
		this.indexes = List.copyOf(indexes);
		this.dropStatements = List.copyOf(dropStatements);
	}

	/**
	 * Return each invalid index and its table.
	 * @return the indexes, such as {@code public.account_email on public.account}
	 */
	public List<String> getIndexes() {
		return this.indexes;
	}

	/**
	 * Return the statements that drop the invalid indexes.
	 * @return the statements, such as
	 * {@code DROP INDEX CONCURRENTLY public.account_email;}
	 */
	public List<String> getDropStatements() {
		return this.dropStatements;
	}

}
