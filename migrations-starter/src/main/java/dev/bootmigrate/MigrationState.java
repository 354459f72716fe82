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
 * The state of a migration, as the application and the history table see it together.
 *
 * @author the bootmigrate authors
 */
public enum MigrationState {

	/**
	 * Recorded as applied, and known to the application.
	 */
	APPLIED,

	/**
	 * Known to the application, not yet applied.
	 */
	PENDING,

	/**
	 * Recorded as applied, but unknown to the application: applied by a newer release, or
	 * its migration was removed.
	 */
	UNKNOWN,

	/**
	 * Recorded as applied with a checksum that differs from the one the application
	 * declares now: the migration was changed after it was applied.
	 */
	CHECKSUM_MISMATCH,

	/**
	 * A repeatable migration recorded as applied with a checksum that differs from the
	 * one it has now: its file (or a placeholder value) changed since, so the next
	 * {@code migrate} applies it again. Counted as pending.
	 */
	OUTDATED,

	/**
	 * Recorded as failed: part of it was committed (by the database, implicitly before a
	 * schema change, or by the migration itself), then it failed, or the run applying it
	 * stopped. It is not applied, and it is not applied again on its own: {@code migrate}
	 * refuses to run until an operator has checked the schema and either records it as
	 * applied ({@code mark-applied --migrations.version=<version>}) or clears it so that
	 * it runs again ({@code repair}). A migration that another instance is applying right
	 * now on a database without transactional DDL shows this state too, until it
	 * completes.
	 */
	FAILED,

	/**
	 * Recorded in a row that cannot be matched with a migration one to one: another row
	 * records an equal version spelled differently (such as {@code 2} and {@code 02}), or
	 * its version is not a valid version. Such rows are written by hand; every command
	 * but {@code status} refuses to work until they are fixed.
	 */
	INVALID

}
