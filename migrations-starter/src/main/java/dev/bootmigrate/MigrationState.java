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
	 * Recorded in a row that cannot be matched with a migration one to one: another row
	 * records an equal version spelled differently (such as {@code 2} and {@code 02}), or
	 * its version is not a valid version. Such rows are written by hand; every command
	 * but {@code status} refuses to work until they are fixed.
	 */
	INVALID

}
