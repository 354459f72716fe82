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
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.internal.MigrationStatus.State;

/**
 * The migrations of the code set against the rows of the history table, read in one
 * query.
 * <p>
 * What the startup check needs (what is pending, unknown or changed, and the current
 * version) is worked out in one pass over the migrations, in whatever order they come;
 * the complete, ordered list of statuses is only built when asked for.
 *
 * @author the bootmigrate authors
 */
public final class MigrationsSnapshot {

	private static final Comparator<MigrationStatus> BY_VERSION = Comparator.comparing(MigrationStatus::version,
			Versions.ORDER);

	private final ResolvedMigrations migrations;

	private final @Nullable AppliedMigration[] rows;

	private final boolean tableExists;

	private final List<ResolvedMigration> pending;

	private final List<MigrationStatus> unknown;

	private final List<MigrationStatus> checksumMismatches;

	private final int appliedCount;

	private final @Nullable String currentVersion;

	private volatile @Nullable List<MigrationStatus> statuses;

	MigrationsSnapshot(ResolvedMigrations migrations, @Nullable List<AppliedMigration> history) {
		this.migrations = migrations;
		this.tableExists = history != null;
		// The row of each migration by its position; rows that no migration claims
		// are unknown
		AppliedMigration[] rows = new AppliedMigration[migrations.size()];
		List<AppliedMigration> unclaimed = new ArrayList<>(0);
		if (history != null) {
			for (AppliedMigration row : history) {
				int position = migrations.indexOfVersion(row.version());
				if (position >= 0 && rows[position] == null) {
					rows[position] = row;
				}
				else {
					unclaimed.add(row);
				}
			}
		}
		this.rows = rows;
		List<ResolvedMigration> pending = new ArrayList<>();
		List<MigrationStatus> mismatches = new ArrayList<>(0);
		String current = null;
		for (int i = 0; i < rows.length; i++) {
			ResolvedMigration migration = migrations.get(i);
			AppliedMigration row = rows[i];
			if (row == null) {
				pending.add(migration);
				continue;
			}
			if (current == null || Versions.compare(migration.version(), current) > 0) {
				current = migration.version();
			}
			if (state(migration, row) == State.CHECKSUM_MISMATCH) {
				mismatches.add(status(migration, row));
			}
		}
		List<MigrationStatus> unknown = new ArrayList<>(unclaimed.size());
		if (!unclaimed.isEmpty()) {
			for (AppliedMigration row : unclaimed) {
				unknown.add(new MigrationStatus(row.version(), Objects.requireNonNullElse(row.description(), ""),
						State.UNKNOWN, null, null, row));
			}
			unknown.sort(BY_VERSION);
			String highestUnknown = unknown.get(unknown.size() - 1).version();
			if (current == null || Versions.compare(highestUnknown, current) > 0) {
				current = highestUnknown;
			}
		}
		if (pending.size() > 1) {
			pending.sort(ResolvedMigration.ORDER);
		}
		if (mismatches.size() > 1) {
			mismatches.sort(BY_VERSION);
		}
		this.pending = Collections.unmodifiableList(pending);
		this.unknown = Collections.unmodifiableList(unknown);
		this.checksumMismatches = Collections.unmodifiableList(mismatches);
		this.appliedCount = (history != null) ? history.size() : 0;
		this.currentVersion = current;
	}

	private static State state(ResolvedMigration migration, @Nullable AppliedMigration row) {
		if (row == null) {
			return State.PENDING;
		}
		boolean mismatch = migration.checksum() != null && row.checksum() != null
				&& !Objects.equals(migration.checksum(), row.checksum());
		return mismatch ? State.CHECKSUM_MISMATCH : State.APPLIED;
	}

	private static MigrationStatus status(ResolvedMigration migration, @Nullable AppliedMigration row) {
		return new MigrationStatus(migration.version(), migration.description(), state(migration, row),
				migration.beanName(), migration.checksum(), row);
	}

	/**
	 * Whether the history table exists.
	 * @return whether the table exists
	 */
	public boolean tableExists() {
		return this.tableExists;
	}

	/**
	 * Return the status of every migration, known to the code or recorded, in version
	 * order.
	 * @return the statuses
	 */
	public List<MigrationStatus> statuses() {
		List<MigrationStatus> statuses = this.statuses;
		if (statuses == null) {
			List<MigrationStatus> all = new ArrayList<>(this.migrations.size() + this.unknown.size());
			for (int i = 0; i < this.rows.length; i++) {
				all.add(status(this.migrations.get(i), this.rows[i]));
			}
			all.addAll(this.unknown);
			all.sort(BY_VERSION);
			statuses = Collections.unmodifiableList(all);
			this.statuses = statuses;
		}
		return statuses;
	}

	/**
	 * Return the migrations not yet applied, in version order.
	 * @return the pending migrations
	 */
	public List<ResolvedMigration> pending() {
		return this.pending;
	}

	/**
	 * Return the pending migrations up to and including the given target version.
	 * @param target the target version, or {@code null} for all
	 * @return the pending migrations, in version order
	 */
	public List<ResolvedMigration> pending(@Nullable String target) {
		if (target == null) {
			return this.pending;
		}
		return this.pending.stream().filter((migration) -> Versions.compare(migration.version(), target) <= 0).toList();
	}

	/**
	 * Return the statuses in the given state.
	 * @param state the state
	 * @return the statuses in that state, in version order
	 */
	public List<MigrationStatus> inState(State state) {
		return switch (state) {
			case UNKNOWN -> this.unknown;
			case CHECKSUM_MISMATCH -> this.checksumMismatches;
			default -> statuses().stream().filter((status) -> status.state() == state).toList();
		};
	}

	/**
	 * Return the version and description of the migrations in the given state.
	 * @param state the state
	 * @return the references, in version order
	 */
	public List<MigrationRef> refs(State state) {
		return inState(state).stream()
			.map((status) -> new MigrationRef(status.version(), status.description()))
			.toList();
	}

	/**
	 * Return the highest applied version.
	 * @return the version, or {@code null} if nothing is applied
	 */
	public @Nullable String currentVersion() {
		return this.currentVersion;
	}

	/**
	 * Return the number of migrations recorded as applied.
	 * @return the count
	 */
	public int appliedCount() {
		return this.appliedCount;
	}

}
