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

/**
 * One statement of a script, as the splitter found it.
 *
 * @param sql the statement, without its delimiter and the comments before it
 * @param line the line of the script it starts on, from 1
 * @param start the offset in the split text where it starts
 * @param end the offset in the split text where it ends, before its delimiter
 * @param kind whether it can run in a transaction
 * @author the bootmigrate authors
 */
record SqlStatement(String sql, int line, int start, int end, Kind kind) {

	/**
	 * Whether a statement can run inside a transaction.
	 */
	enum Kind {

		/**
		 * Any statement that runs inside a transaction.
		 */
		TRANSACTIONAL,

		/**
		 * A statement the database refuses to run inside a transaction, such as
		 * PostgreSQL's {@code CREATE INDEX CONCURRENTLY}.
		 */
		NON_TRANSACTIONAL,

		/**
		 * PostgreSQL's {@code ALTER TYPE ... ADD VALUE}: inside a transaction from
		 * PostgreSQL 12, outside one before.
		 */
		ADD_ENUM_VALUE,

		/**
		 * PostgreSQL's {@code COPY ... FROM STDIN}, whose data follows in the script: not
		 * supported.
		 */
		COPY_FROM_STDIN

	}

}
