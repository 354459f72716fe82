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
import java.util.Set;

/**
 * What the SQL states and privileges of each database mean to the engine: which failures
 * are a missing table, a missing column or a missing privilege, and the {@code GRANT}
 * that gives a privilege on a table (the statements that differ per database are the
 * {@link Dialect}'s).
 *
 * @author the bootmigrate authors
 */
final class DatabaseErrors {

	/**
	 * The standard's "base table not found" (H2, MySQL, MariaDB) and PostgreSQL's
	 * {@code undefined_table}.
	 */
	private static final Set<String> TABLE_NOT_FOUND = Set.of("42S02", "42P01");

	/**
	 * The standard's "column not found" (H2, MySQL, MariaDB) and PostgreSQL's
	 * {@code undefined_column}.
	 */
	private static final Set<String> COLUMN_NOT_FOUND = Set.of("42S22", "42703");

	/**
	 * PostgreSQL's {@code insufficient_privilege}, H2's "not enough rights" and "admin
	 * rights are required".
	 */
	private static final Set<String> PERMISSION_DENIED = Set.of("42501", "90096", "90040");

	/**
	 * MySQL and MariaDB report missing privileges in the general SQL state 42000; their
	 * error codes tell: database, table and column access denied, and "you need the ...
	 * privilege".
	 */
	private static final Set<Integer> MYSQL_ACCESS_DENIED = Set.of(1044, 1142, 1143, 1227);

	private DatabaseErrors() {
	}

	static boolean isTableNotFound(SQLException ex) {
		return TABLE_NOT_FOUND.contains(ex.getSQLState());
	}

	static boolean isColumnNotFound(SQLException ex) {
		return COLUMN_NOT_FOUND.contains(ex.getSQLState());
	}

	static boolean isPermissionDenied(SQLException ex) {
		return PERMISSION_DENIED.contains(ex.getSQLState())
				|| ("42000".equals(ex.getSQLState()) && MYSQL_ACCESS_DENIED.contains(ex.getErrorCode()));
	}

	/**
	 * Return the database's own words and the SQL state, for a message: the first line of
	 * the message, without the statement that H2 appends to it.
	 * @param ex the exception
	 * @return the description
	 */
	static String describe(SQLException ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage().strip().lines().findFirst().orElse("") : "";
		if (message.endsWith("; SQL statement:")) {
			message = message.substring(0, message.length() - "; SQL statement:".length());
		}
		return message + " (SQL state " + ex.getSQLState() + ")";
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
