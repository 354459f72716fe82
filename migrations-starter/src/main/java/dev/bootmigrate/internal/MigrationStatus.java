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

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.MigrationRef;

/**
 * The status of one migration: known to the code, recorded in the history table, or both.
 *
 * @param version the version: the code's for a migration it has, as recorded for an
 * unknown or invalid row
 * @param description the description: the code's for a migration it has, as recorded for
 * an unknown or invalid row
 * @param state the state
 * @param beanName the migration's bean name, or {@code null} for an unknown version
 * @param checksum the checksum the code declares, or {@code null}
 * @param applied the history row, or {@code null} if it is not applied
 * @author the bootmigrate authors
 */
public record MigrationStatus(String version, String description, State state, @Nullable String beanName,
		@Nullable String checksum, @Nullable AppliedMigration applied) {

	/**
	 * Return the version and description of this migration.
	 * @return the reference
	 */
	public MigrationRef ref() {
		return new MigrationRef(this.version, this.description);
	}

	/**
	 * Return when the migration was applied.
	 * @return the instant, or {@code null} if it is not applied
	 */
	public @Nullable Instant installedOn() {
		return (this.applied != null) ? this.applied.installedOn() : null;
	}

	/**
	 * Whether the application declares a checksum for this applied migration but its row
	 * records none: it was applied before it declared one, or the row was edited. Its
	 * checksum cannot be compared until {@code repair} records it.
	 * @return whether the checksum is not recorded
	 */
	public boolean checksumNotRecorded() {
		return this.state == State.APPLIED && this.checksum != null && this.applied != null
				&& this.applied.checksum() == null;
	}

	/**
	 * Whether the description recorded for this applied migration differs from the one
	 * the application declares now; {@code repair} records the new one.
	 * @return whether the description changed, {@code false} when the row's description
	 * was not read
	 */
	public boolean descriptionChanged() {
		return (this.state == State.APPLIED || this.state == State.CHECKSUM_MISMATCH) && this.applied != null
				&& this.applied.description() != null && !this.applied.description().equals(this.description);
	}

	/**
	 * The state of a migration.
	 */
	public enum State {

		/**
		 * Recorded as applied, and known to the code.
		 */
		APPLIED,

		/**
		 * Known to the code, not yet applied.
		 */
		PENDING,

		/**
		 * Recorded as applied, but unknown to the code: applied by a newer release, or
		 * its bean was removed.
		 */
		UNKNOWN,

		/**
		 * Recorded as applied with a checksum that differs from the one the code declares
		 * now: the migration was changed after it was applied.
		 */
		CHECKSUM_MISMATCH,

		/**
		 * Recorded in a row that cannot be matched with a migration one to one: another
		 * row records an equal version spelled differently (such as {@code 2} and
		 * {@code 02}), or its version is not a valid version. Such rows are written by
		 * hand; every command but {@code status} refuses to work until they are fixed.
		 */
		INVALID

	}

}
