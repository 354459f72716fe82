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

/**
 * An index that PostgreSQL keeps but marks invalid, as an interrupted or failed
 * {@code CREATE INDEX CONCURRENTLY} leaves it: queries do not use it, and
 * {@code CREATE INDEX CONCURRENTLY IF NOT EXISTS} skips it.
 *
 * @param schema the schema of the index, quoted where needed
 * @param index the index, qualified by its schema and quoted where needed
 * @param table the table it indexes, qualified and quoted likewise
 * @author the bootmigrate authors
 */
public record InvalidIndex(String schema, String index, String table) {

	/**
	 * Return the statement that drops the index without blocking writes to its table.
	 * @return the statement
	 */
	public String dropStatement() {
		return "DROP INDEX CONCURRENTLY " + this.index + ";";
	}

	/**
	 * Return the statement that rebuilds the index in place, without blocking writes to
	 * its table.
	 * @return the statement
	 */
	public String reindexStatement() {
		return "REINDEX INDEX CONCURRENTLY " + this.index + ";";
	}

	@Override
	public String toString() {
		return this.index + " on " + this.table;
	}

}
