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

import org.jspecify.annotations.Nullable;

/**
 * The migration engine: one method per command of the manual entry point, used by the
 * startup runner, the commands, the actuator endpoint and anyone who drives migrations
 * from code. The starter auto-configures one; an application that declares a bean of this
 * type replaces it, for example to wrap it.
 * <p>
 * Every method that changes the database takes the migration lock first and releases it
 * before it returns, so that several instances never change it at once.
 *
 * @author the bootmigrate authors
 */
public interface MigrationEngine {

	/**
	 * The target of a {@link #rollback rollback} that reverts every applied migration,
	 * back to an empty history.
	 */
	String BASE = "base";

	/**
	 * Apply the pending migrations, in version order, up to and including the target
	 * version if one is given; what runs at startup. When nothing is pending this costs
	 * one query of the history table.
	 * @param target the highest version to apply, or {@code null} for all
	 * @return what was done
	 * @throws MigrationFailedException if a migration fails
	 * @throws MigrationValidationException if the policies refuse what the history table
	 * records
	 * @throws MigrationLockException if the lock cannot be acquired in time
	 */
	MigrateResult migrate(@Nullable String target);

	/**
	 * Read the state of every migration, without judging it: the {@code status} command.
	 * @return the state
	 */
	MigrationsInfo status();

	/**
	 * Read the state of every migration, refusing a history table whose rows cannot be
	 * matched with migrations: the {@code check} command, which then says what needs
	 * action.
	 * @return the state
	 * @throws InvalidHistoryException if rows cannot be matched with migrations
	 */
	MigrationsInfo check();

	/**
	 * Check the history table against the application's migrations as the policies say
	 * ({@code migrations.on-unknown}, {@code migrations.on-checksum-mismatch}), logging
	 * what they accept: the {@code validate} command.
	 * @return the state
	 * @throws InvalidHistoryException if rows cannot be matched with migrations
	 * @throws MigrationValidationException if a policy refuses what it finds
	 */
	MigrationsInfo validate();

	/**
	 * Validate, then warn about or refuse pending migrations as
	 * {@code migrations.on-pending} says: what a start with automatic migration off does.
	 * @return the state
	 * @throws InvalidHistoryException if rows cannot be matched with migrations
	 * @throws MigrationValidationException if a policy refuses what it finds
	 */
	MigrationsInfo verify();

	/**
	 * Revert applied migrations in the reverse of the order they were applied: those
	 * above the target version (which stays applied), all of them for the target
	 * {@link #BASE}, or the given number of the most recently applied. The whole range is
	 * checked before anything changes; each rollback runs in a transaction together with
	 * the removal of its history row, unless the migration runs without one.
	 * @param target the version to roll back to, {@link #BASE}, or {@code null}
	 * @param steps how many of the newest applied migrations to roll back, or
	 * {@code null} for one
	 * @return the migrations rolled back, in the order they were rolled back
	 * @throws MigrationCommandException if the range cannot be rolled back or a rollback
	 * fails
	 */
	List<MigrationRef> rollback(@Nullable String target, @Nullable Integer steps);

	/**
	 * Record the pending migrations up to and including the target as applied, without
	 * running them: to adopt a database whose schema was changed by other means.
	 * @param target the highest version to record
	 * @return the migrations recorded, in version order
	 * @throws InvalidHistoryException if rows cannot be matched with migrations
	 */
	List<MigrationRef> markApplied(String target);

	/**
	 * Record one migration as applied without running it: a pending one, or one
	 * {@linkplain MigrationState#FAILED recorded as failed} whose changes an operator has
	 * checked are all in the database.
	 * @param version the version of the migration
	 * @return the migration recorded, or nothing when it was applied already
	 * @throws MigrationCommandException if the application has no migration of that
	 * version
	 * @throws InvalidHistoryException if rows cannot be matched with migrations
	 */
	List<MigrationRef> markAppliedVersion(String version);

	/**
	 * Re-record the checksum and description of applied migrations that changed, clear
	 * the records of {@linkplain MigrationState#FAILED failed} migrations (they run again
	 * at the next start), and remove the rows of versions the application does not know
	 * when asked to.
	 * @param removeUnknown whether to remove the rows of unknown versions
	 * @return what was changed
	 * @throws InvalidHistoryException if rows cannot be matched with migrations
	 */
	RepairResult repair(boolean removeUnknown);

	/**
	 * Return the application's migrations, in version order, without reading the
	 * database.
	 * @return the migrations
	 */
	List<MigrationRef> migrations();

	/**
	 * Return the migration this engine is applying or rolling back right now, if any.
	 * @return the migration or {@code null}
	 */
	@Nullable MigrationInfo running();

}
