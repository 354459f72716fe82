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

import dev.bootmigrate.MigrationInfo;

/**
 * A row of the history table: a migration recorded as applied.
 *
 * @param version the version
 * @param description the description at the time it was applied, or {@code null} when
 * only the version and checksum were read
 * @param type how it was applied, one of the {@code TYPE_*} constants, or {@code null}
 * when not read
 * @param checksum the checksum recorded, or {@code null}
 * @param installedBy who applied it, or {@code null} when not read
 * @param installedOn when it was applied, or {@code null} when not read
 * @param executionMs how long it took, in milliseconds; negative while the migration that
 * claimed the row has not completed
 * @author the bootmigrate authors
 */
record AppliedMigration(String version, @Nullable String description, @Nullable String type, @Nullable String checksum,
		@Nullable String installedBy, @Nullable Instant installedOn, long executionMs) {

	/**
	 * Return the row that the given public view shows.
	 * @param applied the view
	 * @return the row
	 */
	static AppliedMigration of(MigrationInfo.Applied applied) {
		return new AppliedMigration(applied.version(), applied.description(), applied.type(), applied.checksum(),
				applied.installedBy(), applied.installedOn(), applied.executionMs());
	}

	/**
	 * Return the public view of this row.
	 * @return the view
	 */
	MigrationInfo.Applied info() {
		return new MigrationInfo.Applied(this.version, this.description, this.type, this.checksum, this.installedBy,
				this.installedOn, this.executionMs);
	}

	/**
	 * Whether the migration of this row ran in a transaction, as far as its type tells.
	 * @return whether it ran in a transaction
	 */
	boolean ranInTransaction() {
		return !TYPE_NON_TRANSACTIONAL.equals(this.type);
	}

	static AppliedMigration brief(String version, @Nullable String checksum, long executionMs) {
		return new AppliedMigration(version, null, null, checksum, null, null, executionMs);
	}

	/**
	 * Whether this row was claimed by a migration that did not complete: its run was
	 * interrupted after part of it had been committed. Such a migration is not applied.
	 * @return whether this row is incomplete
	 */
	boolean isIncomplete() {
		return this.executionMs == INCOMPLETE;
	}

	/**
	 * Whether a rollback command has marked this row as about to be rolled back: it runs
	 * now, or it was interrupted. Its execution time is kept, encoded as
	 * {@code -2 - executionMs}.
	 * @return whether this row is being rolled back
	 */
	boolean isBeingRolledBack() {
		return this.executionMs <= ROLLING_BACK;
	}

	/**
	 * The highest execution time of a row marked as being rolled back.
	 */
	static final long ROLLING_BACK = -2;

	/**
	 * The execution time of a row claimed by a migration that has not completed.
	 */
	static final long INCOMPLETE = -1;

	/**
	 * Whether only the version and checksum of this row were read.
	 * @return whether this row is brief
	 */
	boolean isBrief() {
		return this.type == null;
	}

	/**
	 * Type of a migration applied inside a transaction.
	 */
	static final String TYPE_TRANSACTIONAL = MigrationInfo.Applied.TRANSACTIONAL;

	/**
	 * Type of a migration applied in auto-commit mode.
	 */
	static final String TYPE_NON_TRANSACTIONAL = MigrationInfo.Applied.NON_TRANSACTIONAL;

	/**
	 * Type of a migration recorded as applied without running it.
	 */
	static final String TYPE_MARKED = MigrationInfo.Applied.MARKED;

}
