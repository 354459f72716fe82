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

/**
 * Thrown when the lock that serialises migration runs was lost while this instance was
 * applying migrations: its session was terminated or its connection dropped. The instance
 * stops before it starts or commits another migration, so that an instance that takes the
 * lock over never runs a migration twice.
 *
 * @author the bootmigrate authors
 */
public class MigrationLockLostException extends MigrationException {

	private final String lock;

	private final MigrationRef migration;

	private final boolean recorded;

	private final List<MigrationRef> applied;

	private final List<MigrationRef> notAttempted;

	/**
	 * Create a new exception.
	 * @param lock a description of the lock
	 * @param migration the migration at which the loss was noticed
	 * @param recorded whether that migration had completed and was recorded as applied (a
	 * non-transactional migration that was running when the lock was lost); otherwise it
	 * was rolled back or not started, and nothing was recorded for it
	 * @param applied the migrations this run applied, including that one when it was
	 * recorded
	 * @param notAttempted the migrations after it, which were not attempted
	 */
	public MigrationLockLostException(String lock, MigrationRef migration, boolean recorded, List<MigrationRef> applied,
			List<MigrationRef> notAttempted) {
		super("Lost the " + lock + " while applying migrations; stopped at " + migration + (recorded
				? ", which had completed and is recorded as applied" : ", which was not applied and is not recorded"));
		this.lock = lock;
		this.migration = migration;
		this.recorded = recorded;
		this.applied = List.copyOf(applied);
		this.notAttempted = List.copyOf(notAttempted);
	}

	/**
	 * Return a description of the lock that was lost.
	 * @return the lock
	 */
	public String getLock() {
		return this.lock;
	}

	/**
	 * Return the migration at which the loss was noticed.
	 * @return the migration
	 */
	public MigrationRef getMigration() {
		return this.migration;
	}

	/**
	 * Whether that migration completed and was recorded as applied.
	 * @return whether the migration was recorded
	 */
	public boolean isRecorded() {
		return this.recorded;
	}

	/**
	 * Return the migrations this run applied.
	 * @return the applied migrations, in order
	 */
	public List<MigrationRef> getApplied() {
		return this.applied;
	}

	/**
	 * Return the migrations that were not attempted.
	 * @return the migrations not attempted, in order
	 */
	public List<MigrationRef> getNotAttempted() {
		return this.notAttempted;
	}

}
