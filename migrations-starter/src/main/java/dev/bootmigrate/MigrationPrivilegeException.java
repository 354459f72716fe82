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

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the database user lacks a privilege that the starter needs on the history
 * table or its schema. It names the user, the table and the {@code GRANT} that gives the
 * privilege; nothing has been applied.
 *
 * @author the bootmigrate authors
 */
public class MigrationPrivilegeException extends MigrationException {

	private final String table;

	private final String user;

	private final String grant;

	private final @Nullable String alternative;

	/**
	 * Create a new exception.
	 * @param message what the user may not do, and the database's own words
	 * @param table the history table, qualified by its schema
	 * @param user the database user
	 * @param grant the statement that gives the missing privilege
	 * @param alternative another way out, such as creating the table beforehand, or
	 * {@code null}
	 * @param cause the cause, or {@code null}
	 */
	public MigrationPrivilegeException(String message, String table, String user, String grant,
			@Nullable String alternative, @Nullable Throwable cause) {
		super(message, cause);
		this.table = table;
		this.user = user;
		this.grant = grant;
		this.alternative = alternative;
	}

	/**
	 * Return the history table, qualified by its schema.
	 * @return the table
	 */
	public String getTable() {
		return this.table;
	}

	/**
	 * Return the database user that lacks the privilege.
	 * @return the user
	 */
	public String getUser() {
		return this.user;
	}

	/**
	 * Return the statement that gives the missing privilege, such as
	 * {@code GRANT CREATE ON SCHEMA public TO app}.
	 * @return the statement
	 */
	public String getGrant() {
		return this.grant;
	}

	/**
	 * Return another way out, such as creating the table beforehand, if there is one.
	 * @return the alternative or {@code null}
	 */
	public @Nullable String getAlternative() {
		return this.alternative;
	}

}
