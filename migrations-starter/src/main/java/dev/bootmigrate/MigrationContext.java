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

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Access to the database for a running {@link Migration}.
 * <p>
 * For a transactional migration, everything done through this context, and through any
 * {@code JdbcTemplate}, {@code JdbcClient} or JPA repository of the application that uses
 * the same {@code DataSource}, takes part in the migration's transaction.
 *
 * @author the bootmigrate authors
 */
public interface MigrationContext {

	/**
	 * Return a {@link JdbcTemplate} bound to the migration's transaction (or, for a
	 * non-transactional migration, to its auto-commit connection).
	 * @return the JDBC template
	 */
	JdbcTemplate jdbc();

	/**
	 * Return a {@link JdbcClient} bound like {@link #jdbc()}.
	 * @return the JDBC client
	 */
	JdbcClient jdbcClient();

	/**
	 * Return the database in use, for migrations that need SQL specific to one database.
	 * @return the database, {@link DatabaseDriver#UNKNOWN} when it is not recognised
	 */
	DatabaseDriver database();

	/**
	 * Return an inspector of the schema the migration runs in, bound like {@link #jdbc()}
	 * and to the current schema of that connection: for a migration that checks the state
	 * of the database first, so that it is safe where part of its work was done already
	 * (by a script, by Hibernate's {@code ddl-auto}, by an earlier attempt).
	 * @return the schema inspector
	 */
	SchemaInspector schema();

	/**
	 * Say that the migration found nothing to do, for example because {@link #schema()}
	 * shows that its change is already there: it is recorded as applied like any
	 * migration that returns, its log line shows {@code skipped: <reason>} instead of how
	 * long it took, and {@link MigrateResult#skipped()} reports it.
	 * <p>
	 * This only marks the migration: it does not stop it, and the migration should return
	 * right after. What it does after calling this still runs, and is committed with its
	 * history row as usual. A later call replaces the reason.
	 * @param reason why there was nothing to do, shown in the log, such as
	 * {@code "users.username already exists"}
	 * @throws IllegalArgumentException if the reason is blank
	 */
	void skip(String reason);

}
