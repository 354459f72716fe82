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

import org.springframework.util.function.ThrowingConsumer;

/**
 * A change to the database schema or data, declared as a Spring bean and applied once, in
 * version order, when the application starts.
 * <p>
 * Versions order naturally: runs of digits compare as numbers, so {@code 2} comes before
 * {@code 10}, {@code 1.2} before {@code 1.10}, and date-prefixed versions such as
 * {@code 2025_06_17_01} order by date. The order never depends on the order in which the
 * beans are registered.
 * <p>
 * By default each migration runs in its own transaction, together with the insert of its
 * row in the history table: it is recorded as applied if and only if it committed.
 *
 * @author the bootmigrate authors
 * @see MigrationContext
 */
public interface Migration {

	/**
	 * Return the version of this migration, such as {@code 3}, {@code 1.10} or
	 * {@code 2025_06_17_01}. It starts with a digit and contains only letters, digits and
	 * the separators {@code .}, {@code _} and {@code -}.
	 * @return the version
	 */
	String version();

	/**
	 * Return a short, human-readable description of this migration. By default it is
	 * derived from the class name: {@code AddUsernameColumn} becomes "Add username
	 * column".
	 * @return the description
	 */
	default String description() {
		return Descriptions.fromType(getClass());
	}

	/**
	 * Apply this migration.
	 * @param context access to the database, bound to this migration's transaction
	 * @throws Exception on failure, in which case the migration's transaction is rolled
	 * back and nothing is recorded for it
	 */
	void migrate(MigrationContext context) throws Exception;

	/**
	 * Revert this migration. Only called by the {@code rollback} command, never at
	 * startup. By default a migration cannot be rolled back.
	 * @param context access to the database, bound to the rollback's transaction
	 * @throws Exception on failure, in which case the rollback's transaction is rolled
	 * back and the migration stays recorded as applied
	 * @see #canRollback()
	 */
	default void rollback(MigrationContext context) throws Exception {
		throw new UnsupportedOperationException("Migration " + version() + " does not implement rollback");
	}

	/**
	 * Whether this migration can be {@linkplain #rollback(MigrationContext) rolled back}.
	 * By default, whether its class overrides {@code rollback}.
	 * @return whether this migration can be rolled back
	 */
	default boolean canRollback() {
		return Descriptions.overridesRollback(getClass());
	}

	/**
	 * Whether this migration runs inside a transaction. Return {@code false} for
	 * statements that a database refuses to run in a transaction, such as PostgreSQL's
	 * {@code CREATE INDEX CONCURRENTLY}: the migration then runs in auto-commit mode on
	 * its own connection, and its history row is written only after it succeeds. A
	 * failure can leave part of such a migration done, so write it to be idempotent
	 * ({@code IF NOT EXISTS}).
	 * @return whether this migration runs inside a transaction
	 */
	default boolean transactional() {
		return true;
	}

	/**
	 * Return the checksum of this migration, recorded when it is applied and compared at
	 * every later start, or {@code null} (the default) to record none and skip the
	 * comparison. Return a value that changes when the migration's effect changes, such
	 * as a hash of the SQL it runs.
	 * @return the checksum, at most 64 characters, or {@code null}
	 */
	default @Nullable String checksum() {
		return null;
	}

	/**
	 * Create a transactional migration from a version, a description and a body; handy in
	 * {@code @Bean} methods.
	 * @param version the version
	 * @param description the description
	 * @param migrate the body that applies the migration
	 * @return the migration
	 */
	static Migration of(String version, String description, ThrowingConsumer<MigrationContext> migrate) {
		return new FunctionalMigration(version, description, migrate, null);
	}

	/**
	 * Create a transactional migration that can be rolled back from a version, a
	 * description, a body and a rollback body; handy in {@code @Bean} methods.
	 * @param version the version
	 * @param description the description
	 * @param migrate the body that applies the migration
	 * @param rollback the body that reverts it
	 * @return the migration
	 */
	static Migration of(String version, String description, ThrowingConsumer<MigrationContext> migrate,
			ThrowingConsumer<MigrationContext> rollback) {
		return new FunctionalMigration(version, description, migrate, rollback);
	}

}
