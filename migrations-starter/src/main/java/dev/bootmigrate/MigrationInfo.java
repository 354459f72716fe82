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

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One migration as the application and the history table see it together: known to the
 * application, recorded in the history table, or both.
 *
 * @param version the version: the application's for a migration it has, as recorded for
 * an unknown or invalid row; empty for a {@linkplain #repeatable() repeatable} migration,
 * whose row records a key of its own ({@link Applied#version()})
 * @param description the description: the application's for a migration it has, as
 * recorded for an unknown or invalid row
 * @param state the state
 * @param origin where the application defines it, or {@code null} for a version the
 * application does not know
 * @param checksum the checksum the application declares, or {@code null}
 * @param transactional whether it runs in a transaction (for an unknown version: whether
 * it was applied in one)
 * @param canRollback whether the application can roll it back
 * @param applied its row in the history table, or {@code null} if it is not applied
 * @author the bootmigrate authors
 */
public record MigrationInfo(String version, String description, MigrationState state, @Nullable MigrationOrigin origin,
		@Nullable String checksum, boolean transactional, boolean canRollback, @Nullable Applied applied) {

	/**
	 * Return the version and description of this migration.
	 * @return the reference
	 */
	public MigrationRef ref() {
		return new MigrationRef(this.version, this.description);
	}

	/**
	 * Whether this is a repeatable migration ({@code R__<description>.sql}): it has no
	 * version, is known by its description, and is applied again, after the versioned
	 * ones, whenever its checksum changes.
	 * @return whether it is repeatable
	 */
	public boolean repeatable() {
		return this.version.isEmpty();
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
		return this.state == MigrationState.APPLIED && this.checksum != null && this.applied != null
				&& this.applied.checksum() == null;
	}

	/**
	 * Whether the description recorded for this applied migration differs from the one
	 * the application declares now; {@code repair} records the new one.
	 * @return whether the description changed
	 */
	public boolean descriptionChanged() {
		return (this.state == MigrationState.APPLIED || this.state == MigrationState.CHECKSUM_MISMATCH
				|| this.state == MigrationState.OUTDATED) && this.applied != null && this.applied.description() != null
				&& !this.applied.description().equals(this.description);
	}

	/**
	 * The row of an applied migration in the history table, as recorded: values written
	 * by hand are kept as they are (print them through {@link Printable#escape}).
	 *
	 * @param version the version, as recorded; for a repeatable migration, {@code R:}
	 * followed by its description in lower case (shortened with a hash of the whole when
	 * longer than the column), which no version can be since versions start with a digit
	 * @param description the description when it was applied
	 * @param type how it was applied: {@code JAVA} (a bean, in a transaction),
	 * {@code JAVA_NO_TX} (a bean, in auto-commit mode), {@code SQL} (an SQL file, in a
	 * transaction), {@code SQL_NO_TX} (an SQL file, in auto-commit mode), {@code MARKED}
	 * (recorded without running it) or {@code FLYWAY} (applied by Flyway, whose history
	 * was adopted)
	 * @param checksum the checksum recorded, or {@code null}
	 * @param installedBy who applied it
	 * @param installedOn when it was applied
	 * @param executionMs how long it took, in milliseconds
	 */
	public record Applied(String version, @Nullable String description, @Nullable String type,
			@Nullable String checksum, @Nullable String installedBy, @Nullable Instant installedOn, long executionMs) {

		/**
		 * The type of a migration applied inside a transaction.
		 */
		public static final String TRANSACTIONAL = "JAVA";

		/**
		 * The type of a migration applied in auto-commit mode.
		 */
		public static final String NON_TRANSACTIONAL = "JAVA_NO_TX";

		/**
		 * The type of an SQL-file migration applied inside a transaction.
		 */
		public static final String SQL = "SQL";

		/**
		 * The type of an SQL-file migration applied in auto-commit mode.
		 */
		public static final String SQL_NON_TRANSACTIONAL = "SQL_NO_TX";

		/**
		 * The type of a migration recorded as applied without running it.
		 */
		public static final String MARKED = "MARKED";

		/**
		 * The type of a migration that Flyway applied, recorded when its history table
		 * was adopted.
		 */
		public static final String FLYWAY = "FLYWAY";

		/**
		 * Whether the migration was recorded as applied without running it
		 * ({@code mark-applied}).
		 * @return whether it was marked
		 */
		public boolean marked() {
			return MARKED.equals(this.type);
		}

		/**
		 * Whether the migration was applied by Flyway and recorded when its history table
		 * was adopted.
		 * @return whether Flyway applied it
		 */
		public boolean byFlyway() {
			return FLYWAY.equals(this.type);
		}

	}

}
