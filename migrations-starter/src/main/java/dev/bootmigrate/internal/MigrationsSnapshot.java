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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

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

	private final @Nullable String currentVersion;

	MigrationsSnapshot(List<ResolvedMigration> migrations, @Nullable List<AppliedMigration> history) {
		this.tableExists = history != null;
		Map<String, AppliedMigration> applied = new HashMap<>();
		if (history != null) {
			history.forEach((row) -> applied.put(row.version(), row));
		}
		List<MigrationStatus> statuses = new ArrayList<>(migrations.size() + applied.size());
		List<ResolvedMigration> pending = new ArrayList<>();
		for (ResolvedMigration migration : migrations) {
			AppliedMigration row = applied.remove(migration.version());
			if (row == null) {
				pending.add(migration);
			}
			statuses.add(new MigrationStatus(migration.version(), migration.description(), state(migration, row),
					migration.beanName(), migration.checksum(), row));
		}
		if (!applied.isEmpty()) {
			for (AppliedMigration row : applied.values()) {
				statuses.add(new MigrationStatus(row.version(), row.description(), State.UNKNOWN, null, null, row));
			}
			statuses.sort(Comparator.comparing((status) -> Versions.key(status.version())));
		}
		this.statuses = List.copyOf(statuses);
		this.pending = List.copyOf(pending);
		this.currentVersion = statuses.stream()
			.filter((status) -> status.applied() != null)
			.reduce((first, second) -> second)
			.map(MigrationStatus::version)
			.orElse(null);
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
		return this.statuses.stream().filter((status) -> status.state() == state).toList();
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
		return (int) this.statuses.stream().filter((status) -> status.applied() != null).count();
	}

}
