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

import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a statement of an SQL-file migration fails: names the file, the line the
 * statement starts on, and the statement, with the database's SQL state and message.
 *
 * @author the bootmigrate authors
 */
public class SqlStatementFailedException extends MigrationException {

	private final String file;

	private final int line;

	private final String statement;

	private final @Nullable String sqlState;

	private final int statementsRun;

	private final boolean transactional;

	/**
	 * Create a new exception.
	 * @param file the path of the file
	 * @param line the line the statement starts on
	 * @param statement the statement, or its start
	 * @param statementsRun how many statements of the file ran before it
	 * @param transactional whether the file ran in a transaction, which the failure rolls
	 * back
	 * @param cause the database's exception
	 */
	public SqlStatementFailedException(String file, int line, String statement, int statementsRun,
			boolean transactional, SQLException cause) {
		super("Statement on line " + line + " of " + file + " failed"
				+ ((cause.getSQLState() != null) ? " (SQL state " + cause.getSQLState() + ")" : "") + ": "
				+ message(cause) + System.lineSeparator() + "    " + statement.strip().replace("\n", "\n    ")
				+ System.lineSeparator() + outcome(statementsRun, transactional), cause);
		this.file = file;
		this.line = line;
		this.statement = statement;
		this.sqlState = cause.getSQLState();
		this.statementsRun = statementsRun;
		this.transactional = transactional;
	}

	private static String message(SQLException cause) {
		String message = cause.getMessage();
		return (message != null && !message.isBlank()) ? message.strip() : cause.getClass().getName();
	}

	private static String outcome(int statementsRun, boolean transactional) {
		String ran = (statementsRun == 1) ? "1 statement" : statementsRun + " statements";
		if (transactional) {
			return ran + " of the file ran before it, in the migration's transaction, which is rolled back";
		}
		return ran + " of the file ran before it and " + ((statementsRun == 1) ? "stays" : "stay")
				+ " committed: the file runs without a transaction";
	}

	/**
	 * Return the path of the file.
	 * @return the path, such as {@code db/migration/V3__add_email.sql}
	 */
	public String getFile() {
		return this.file;
	}

	/**
	 * Return the line of the file on which the statement starts.
	 * @return the line, from 1
	 */
	public int getLine() {
		return this.line;
	}

	/**
	 * Return the statement as written in the file, placeholders unreplaced, cut after 300
	 * characters.
	 * @return the statement
	 */
	public String getStatement() {
		return this.statement;
	}

	/**
	 * Return the SQL state the database reported.
	 * @return the SQL state, or {@code null}
	 */
	public @Nullable String getSqlState() {
		return this.sqlState;
	}

	/**
	 * Return what the database said, with any password it quotes masked.
	 * @return the database's message
	 */
	public String getDatabaseMessage() {
		Throwable cause = getCause();
		return Credentials.mask((cause instanceof SQLException sql) ? message(sql) : String.valueOf(cause));
	}

	/**
	 * Return how many statements of the file ran before this one.
	 * @return the number of statements
	 */
	public int getStatementsRun() {
		return this.statementsRun;
	}

	/**
	 * Whether the file ran in the migration's transaction, so that the statements that
	 * ran before this one are rolled back with it (except, on databases that commit
	 * schema changes implicitly, such as MySQL, the schema changes among them); when
	 * {@code false} they stay committed.
	 * @return whether the statements that ran before are rolled back
	 */
	public boolean isRolledBack() {
		return this.transactional;
	}

}
