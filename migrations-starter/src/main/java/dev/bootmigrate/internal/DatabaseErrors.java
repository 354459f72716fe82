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
package dev.bootmigrate.internal;

import java.sql.SQLException;

/**
 * What the SQL states and privileges of each database mean to the engine: which failures
 * are a missing table, a missing column or a missing privilege, and the {@code GRANT}
 * that gives a privilege on a table (the statements that differ per database are the
 * {@link Dialect}'s).
 *
 * @author the bootmigrate authors
 */
final class DatabaseErrors {

	private DatabaseErrors() {
	}

	/**
	 * Return the database's own words and the SQL state, for a message: the first line of
	 * the message, without the statement that H2 appends to it. Drivers that report no
	 * SQL state (SQLite's) name the error in the message.
	 * @param ex the exception
	 * @return the description
	 */
	static String describe(SQLException ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage().strip().lines().findFirst().orElse("") : "";
		if (message.endsWith("; SQL statement:")) {
			message = message.substring(0, message.length() - "; SQL statement:".length());
		}
		return (ex.getSQLState() != null) ? message + " (SQL state " + ex.getSQLState() + ")" : message;
	}

	/**
	 * Return the statement that gives the user privileges on a table.
	 * @param privileges the privileges, such as {@code SELECT} or
	 * {@code INSERT, UPDATE, DELETE}
	 * @param table the qualified table name
	 * @param user the user
	 * @return the statement
	 */
	static String grantOnTable(String privileges, String table, String user) {
		return "GRANT " + privileges + " ON " + table + " TO " + user;
	}

}
