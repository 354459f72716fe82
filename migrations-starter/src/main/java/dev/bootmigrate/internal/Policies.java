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

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.bootmigrate.InvalidHistoryException;
import dev.bootmigrate.MigrationInfo;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.MigrationState;
import dev.bootmigrate.MigrationValidationException;

/**
 * The three policies, in one place: what to do about migrations that are pending while
 * automatic migration is off ({@code migrations.on-pending}), versions the history table
 * records that the application does not know ({@code migrations.on-unknown}), and applied
 * migrations that changed ({@code migrations.on-checksum-mismatch}). Each either logs a
 * warning or refuses; a history table whose rows cannot be matched with migrations is
 * always refused.
 *
 * @param failOnPending whether to refuse pending migrations when automatic migration is
 * off
 * @param failOnUnknown whether to refuse recorded versions the application does not know
 * @param failOnChecksumMismatch whether to refuse applied migrations whose checksum
 * changed
 * @author the bootmigrate authors
 */
record Policies(boolean failOnPending, boolean failOnUnknown, boolean failOnChecksumMismatch) {

	private static final Log logger = LogFactory.getLog(Policies.class);

	/**
	 * Refuse a history table whose rows cannot be matched with migrations one to one: a
	 * migration recorded twice (as {@code 2} and {@code 2.0}) could be rolled back or
	 * repaired through the wrong row, so nothing but reading it is done until it is fixed
	 * by hand.
	 * @throws InvalidHistoryException if it has {@link MigrationState#INVALID invalid}
	 * rows
	 */
	static void requireValidHistory(MigrationsSnapshot snapshot) {
		if (!snapshot.invalid().isEmpty()) {
			throw new InvalidHistoryException(snapshot.table(), snapshot.historyProblems());
		}
	}

	/**
	 * Check the snapshot: refuse an invalid history; log or refuse, as the policies say,
	 * unknown versions and checksum mismatches; and log applied migrations whose declared
	 * checksum is not recorded, which no policy refuses.
	 * @throws InvalidHistoryException if rows cannot be matched with migrations
	 * @throws MigrationValidationException if a policy refuses what it finds
	 */
	void validate(MigrationsSnapshot snapshot) {
		requireValidHistory(snapshot);
		List<MigrationInfo> notRecorded = snapshot.checksumsNotRecorded();
		if (snapshot.unknown().isEmpty() && snapshot.inState(MigrationState.CHECKSUM_MISMATCH).isEmpty()
				&& notRecorded.isEmpty()) {
			return;
		}
		List<MigrationRef> unknown = snapshot.refs(MigrationState.UNKNOWN);
		List<MigrationRef> mismatches = snapshot.refs(MigrationState.CHECKSUM_MISMATCH);
		List<MigrationRef> refusedUnknown = this.failOnUnknown ? unknown : List.of();
		List<MigrationRef> refusedMismatches = this.failOnChecksumMismatch ? mismatches : List.of();
		if (!refusedUnknown.isEmpty() || !refusedMismatches.isEmpty()) {
			throw new MigrationValidationException(snapshot.table(), List.of(), refusedUnknown, refusedMismatches);
		}
		if (!unknown.isEmpty()) {
			logger.warn(snapshot.table() + " records " + unknown.size() + " version(s) this application does not know: "
					+ unknown + ". They were applied by another (newer?) release of the application, or their "
					+ "beans were removed; run the 'status' command to see them, and 'repair' with "
					+ "migrations.remove-unknown=true to forget them.");
		}
		if (!mismatches.isEmpty()) {
			logger.warn("Applied migration(s) changed since they were applied (checksum mismatch): " + mismatches
					+ ". Run the 'repair' command to record the new checksums if the change was deliberate.");
		}
		if (!notRecorded.isEmpty()) {
			logger.warn("Applied migration(s) declare a checksum that " + snapshot.table() + " does not record: "
					+ notRecorded.stream().map(MigrationInfo::ref).toList()
					+ ". They were applied before they declared one, or their rows were edited, so whether they "
					+ "changed cannot be told; run the 'repair' command to record the declared checksums.");
		}
	}

	/**
	 * Validate, then log or refuse, as the policy on pending migrations says, the
	 * migrations that a start with automatic migration off leaves pending.
	 * @throws InvalidHistoryException if rows cannot be matched with migrations
	 * @throws MigrationValidationException if a policy refuses what it finds
	 */
	void verify(MigrationsSnapshot snapshot) {
		validate(snapshot);
		List<MigrationRef> pending = new ArrayList<>(snapshot.pendingCount());
		snapshot.pendingMigrations().forEach((migration) -> pending.add(migration.ref()));
		snapshot.dueRepeatables().forEach((migration) -> pending.add(migration.ref()));
		// Not applied either; or being applied by another instance right now
		List<MigrationRef> failed = snapshot.refs(MigrationState.FAILED);
		pending.addAll(failed);
		if (pending.isEmpty()) {
			logger.info("Automatic migration is off; schema is up to date at version "
					+ snapshot.describeCurrentVersion() + snapshot.describeNewerUnknownVersions());
			return;
		}
		if (this.failOnPending) {
			throw new MigrationValidationException(snapshot.table(), pending, List.of(), List.of());
		}
		logger.warn("Automatic migration is off (migrations.auto-migrate=false) and " + pending.size()
				+ " migration(s) are pending: " + pending
				+ ((!failed.isEmpty()) ? " (" + failed + " recorded as failed, or being applied right now)" : "")
				+ ". Apply them by running the application with --migrations.command=migrate");
	}

}
