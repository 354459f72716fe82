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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.internal.MigrationStatus.State;

/**
 * The migrations of the code set against the rows of the history table, read in one
 * query.
 *
 * @author the bootmigrate authors
 */
public final class MigrationsSnapshot {

	private final boolean tableExists;

	private final List<MigrationStatus> statuses;

	private final List<ResolvedMigration> pending;

	private final List<MigrationStatus> unknown;

	private final List<MigrationStatus> checksumMismatches;

	private final int appliedCount;

	private final @Nullable String currentVersion;

	MigrationsSnapshot(List<ResolvedMigration> migrations, @Nullable List<AppliedMigration> history) {
		this.tableExists = history != null;
		int rows = (history != null) ? history.size() : 0;
		Map<String, AppliedMigration> applied = new HashMap<>(Math.max(16, (int) (rows / 0.75f) + 1));
		if (history != null) {
			for (AppliedMigration row : history) {
				applied.put(row.version(), row);
			}
		}
		List<MigrationStatus> statuses = new ArrayList<>(migrations.size() + rows);
		List<ResolvedMigration> pending = new ArrayList<>();
		List<MigrationStatus> mismatches = new ArrayList<>(0);
		String current = null;
		for (ResolvedMigration migration : migrations) {
			AppliedMigration row = applied.isEmpty() ? null : applied.remove(migration.version());
			State state = state(migration, row);
			MigrationStatus status = new MigrationStatus(migration.version(), migration.description(), state,
					migration.beanName(), migration.checksum(), row);
			statuses.add(status);
			if (row == null) {
				pending.add(migration);
			}
			else {
				current = migration.version();
				if (state == State.CHECKSUM_MISMATCH) {
					mismatches.add(status);
				}
			}
		}
		List<MigrationStatus> unknown = new ArrayList<>(applied.size());
		if (!applied.isEmpty()) {
			for (AppliedMigration row : applied.values()) {
				unknown.add(new MigrationStatus(row.version(), Objects.requireNonNullElse(row.description(), ""),
						State.UNKNOWN, null, null, row));
			}
			unknown.sort(Comparator.comparing((status) -> Versions.key(status.version())));
			statuses.addAll(unknown);
			statuses.sort(Comparator.comparing((status) -> Versions.key(status.version())));
			String highestUnknown = unknown.get(unknown.size() - 1).version();
			if (current == null || Versions.compare(highestUnknown, current) > 0) {
				current = highestUnknown;
			}
		}
		this.statuses = Collections.unmodifiableList(statuses);
		this.pending = Collections.unmodifiableList(pending);
		this.unknown = Collections.unmodifiableList(unknown);
		this.checksumMismatches = Collections.unmodifiableList(mismatches);
		this.appliedCount = rows;
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
		return this.statuses;
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
			default -> this.statuses.stream().filter((status) -> status.state() == state).toList();
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
