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

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.internal.MigrationStatus.State;

/**
 * The migrations of the code set against the rows of the history table, read in one
 * query. A row belongs to the migration whose version equals its own in the version
 * order, however either is spelled; rows that cannot be matched one to one (two rows of
 * equal versions, or a row whose version is not valid) are {@link State#INVALID invalid}.
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

	private final boolean @Nullable [] conflicted;

	private final boolean tableExists;

	private boolean rollingBack;

	private final List<ResolvedMigration> pending;

	private final List<MigrationStatus> unknown;

	private final List<MigrationStatus> checksumMismatches;

	private final List<MigrationStatus> checksumsNotRecorded;

	private final List<MigrationStatus> invalid;

	private final int appliedCount;

	private final @Nullable String currentVersion;

	private final List<String> newerUnknownVersions;

	private volatile @Nullable List<MigrationStatus> statuses;

	MigrationsSnapshot(ResolvedMigrations migrations, @Nullable List<AppliedMigration> history) {
		this.migrations = migrations;
		this.tableExists = history != null;
		// The row of each migration by its position, matched by version equality (a row
		// of 2 is the row of 2.0); rows that no migration claims are unknown, rows that
		// cannot be matched one to one are invalid
		AppliedMigration[] rows = new AppliedMigration[migrations.size()];
		boolean[] conflicted = null;
		List<AppliedMigration> unclaimed = new ArrayList<>(0);
		List<MigrationStatus> invalid = new ArrayList<>(0);
		if (history != null) {
			for (AppliedMigration row : history) {
				if (!Versions.isValid(row.version())) {
					invalid.add(invalid(null, row));
					continue;
				}
				if (row.isBeingRolledBack()) {
					this.rollingBack = true;
				}
				int position = migrations.indexOfVersion(row.version());
				if (position >= 0 && row.isIncomplete()) {
					// Claimed by a run that did not complete it: not applied
					continue;
				}
				if (position < 0) {
					unclaimed.add(row);
				}
				else if (rows[position] == null) {
					rows[position] = row;
				}
				else {
					conflicted = (conflicted != null) ? conflicted : new boolean[rows.length];
					if (!conflicted[position]) {
						conflicted[position] = true;
						invalid.add(invalid(migrations.get(position), rows[position]));
					}
					invalid.add(invalid(migrations.get(position), row));
				}
			}
		}
		this.rows = rows;
		this.conflicted = conflicted;
		List<ResolvedMigration> pending = new ArrayList<>();
		List<MigrationStatus> mismatches = new ArrayList<>(0);
		List<MigrationStatus> notRecorded = new ArrayList<>(0);
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
			if (migration.checksum() == null || isConflicted(i)) {
				continue;
			}
			if (row.checksum() == null) {
				notRecorded.add(status(migration, row));
			}
			else if (state(migration, row) == State.CHECKSUM_MISMATCH) {
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
			if (unknown.size() > 1) {
				unknown = withoutEqualVersions(unknown, invalid);
			}
		}
		List<String> newer = unknown.isEmpty() ? List.of() : newerVersions(unknown, current);
		if (pending.size() > 1) {
			pending.sort(ResolvedMigration.ORDER);
		}
		if (mismatches.size() > 1) {
			mismatches.sort(BY_VERSION);
		}
		if (notRecorded.size() > 1) {
			notRecorded.sort(BY_VERSION);
		}
		if (invalid.size() > 1) {
			// Equal versions in the same order, whatever the order of the rows
			invalid.sort(BY_VERSION.thenComparing(MigrationStatus::version));
		}
		this.pending = Collections.unmodifiableList(pending);
		this.unknown = Collections.unmodifiableList(unknown);
		this.checksumMismatches = Collections.unmodifiableList(mismatches);
		this.checksumsNotRecorded = Collections.unmodifiableList(notRecorded);
		this.invalid = Collections.unmodifiableList(invalid);
		this.appliedCount = (history != null) ? history.size() : 0;
		this.currentVersion = current;
		this.newerUnknownVersions = newer;
	}

	private static List<String> newerVersions(List<MigrationStatus> sorted, @Nullable String current) {
		return sorted.stream()
			.map(MigrationStatus::version)
			.filter((version) -> current == null || Versions.compare(version, current) > 0)
			.toList();
	}

	private boolean isConflicted(int position) {
		return this.conflicted != null && this.conflicted[position];
	}

	/**
	 * Return the unknown statuses, sorted by version, less those of rows that record
	 * equal versions: those are added to the invalid ones.
	 */
	private static List<MigrationStatus> withoutEqualVersions(List<MigrationStatus> unknown,
			List<MigrationStatus> invalid) {
		List<MigrationStatus> kept = new ArrayList<>(unknown.size());
		int start = 0;
		for (int i = 1; i <= unknown.size(); i++) {
			if (i == unknown.size() || Versions.compare(unknown.get(start).version(), unknown.get(i).version()) != 0) {
				if (i - start == 1) {
					kept.add(unknown.get(start));
				}
				else {
					unknown.subList(start, i).forEach((status) -> invalid.add(invalid(null, status.applied())));
				}
				start = i;
			}
		}
		return kept;
	}

	private static MigrationStatus invalid(@Nullable ResolvedMigration migration, AppliedMigration row) {
		String description = (row.description() != null) ? row.description()
				: (migration != null) ? migration.description() : "";
		return new MigrationStatus(row.version(), description, State.INVALID,
				(migration != null) ? migration.origin().name() : null,
				(migration != null) ? migration.checksum() : null, row);
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
				migration.origin().name(), migration.checksum(), row);
	}

	/**
	 * Whether rows are marked as being rolled back: a rollback command runs now, or was
	 * interrupted.
	 * @return whether a rollback is in progress or was interrupted
	 */
	public boolean rollingBack() {
		return this.rollingBack;
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
			List<MigrationStatus> all = new ArrayList<>(
					this.migrations.size() + this.unknown.size() + this.invalid.size());
			for (int i = 0; i < this.rows.length; i++) {
				if (!isConflicted(i)) {
					all.add(status(this.migrations.get(i), this.rows[i]));
				}
			}
			all.addAll(this.unknown);
			all.addAll(this.invalid);
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
			case INVALID -> this.invalid;
			default -> statuses().stream().filter((status) -> status.state() == state).toList();
		};
	}

	/**
	 * Return the applied migrations for which the application declares a checksum that
	 * their rows do not record.
	 * @return the statuses, in version order
	 * @see MigrationStatus#checksumNotRecorded()
	 */
	public List<MigrationStatus> checksumsNotRecorded() {
		return this.checksumsNotRecorded;
	}

	/**
	 * Return the version and description of the migrations in the given state.
	 * @param state the state
	 * @return the references, in version order
	 */
	public List<MigrationRef> refs(State state) {
		return inState(state).stream().map(MigrationStatus::ref).toList();
	}

	/**
	 * Describe, one sentence each, why the {@link State#INVALID invalid} rows cannot be
	 * matched with migrations and how to fix them by hand.
	 * @param table the history table
	 * @return the problems, naming the rows with their values escaped; empty when every
	 * row can be matched
	 */
	public List<String> historyProblems(HistoryTable table) {
		List<String> problems = new ArrayList<>();
		Map<String, List<MigrationStatus>> equalVersions = new LinkedHashMap<>();
		for (MigrationStatus status : this.invalid) {
			String problem = Versions.problem(status.version());
			if (problem != null) {
				problems.add("Row " + row(status) + " of " + table
						+ " cannot be matched with any migration: its version " + problem
						+ ". Correct its version by hand (UPDATE " + table + " SET version = '<version>' WHERE "
						+ "version = " + literal(status.version()) + ") or delete it (DELETE FROM " + table
						+ " WHERE version = " + literal(status.version()) + ").");
			}
			else {
				equalVersions.computeIfAbsent(Versions.canonical(status.version()), (key) -> new ArrayList<>())
					.add(status);
			}
		}
		equalVersions.values().forEach((statuses) -> problems.add(equalVersions(table, statuses)));
		return problems;
	}

	private static String equalVersions(HistoryTable table, List<MigrationStatus> statuses) {
		List<MigrationStatus> rows = new ArrayList<>(statuses);
		rows.sort(Comparator.comparing(MigrationStatus::installedOn, Comparator.nullsLast(Comparator.naturalOrder())));
		MigrationStatus kept = rows.get(0);
		List<MigrationStatus> others = rows.subList(1, rows.size());
		boolean recordedFirst = kept.installedOn() != null && others.stream()
			.allMatch((other) -> other.installedOn() != null && other.installedOn().isAfter(kept.installedOn()));
		String migration = (kept.beanName() != null) ? " (the version of bean '" + kept.beanName() + "')" : "";
		return "Rows " + join(rows.stream().map(MigrationsSnapshot::row).toList()) + " of " + table
				+ " record the same version" + migration + ", spelled differently (separators, leading and trailing "
				+ "zeros do not count), so which of them records it cannot be told. Keep "
				+ (recordedFirst ? "the one recorded first, " : "one of them, such as ") + "'"
				+ Printable.escape(kept.version()) + "', and delete the other" + ((others.size() > 1) ? "s" : "")
				+ " by hand: DELETE FROM " + table + " WHERE version IN ("
				+ String.join(", ", others.stream().map((other) -> literal(other.version())).toList())
				+ "). If the migration ran more than once, check what it did too.";
	}

	/**
	 * Describe a row so that it can be told from another one of an equal version.
	 */
	private static String row(MigrationStatus status) {
		AppliedMigration row = status.applied();
		StringBuilder description = new StringBuilder("'").append(Printable.escape(status.version()))
			.append("' (\"")
			.append(Printable.escape(status.description()))
			.append('"');
		if (row != null && row.type() != null) {
			description.append(", ").append(Printable.escape(row.type()));
		}
		if (row != null && row.installedOn() != null) {
			description.append(", recorded ").append(row.installedOn().truncatedTo(ChronoUnit.MILLIS));
		}
		if (row != null && row.installedBy() != null) {
			description.append(" by ").append(Printable.escape(row.installedBy()));
		}
		return description.append(')').toString();
	}

	private static String literal(String version) {
		return "'" + Printable.escape(version).replace("'", "''") + "'";
	}

	private static String join(List<String> items) {
		int last = items.size() - 1;
		return String.join(", ", items.subList(0, last)) + " and " + items.get(last);
	}

	/**
	 * Return the highest applied version that the application knows. Versions recorded
	 * above it that it does not know are {@link #newerUnknownVersions()}.
	 * @return the version, or {@code null} if no migration of the application is applied
	 */
	public @Nullable String currentVersion() {
		return this.currentVersion;
	}

	/**
	 * Return the versions recorded above the {@link #currentVersion() current version}
	 * that the application does not know: applied by a newer release, most likely.
	 * @return the versions, as recorded, in version order
	 */
	public List<String> newerUnknownVersions() {
		return this.newerUnknownVersions;
	}

	/**
	 * Describe the current version for a message: the version, or {@code none}, saying
	 * that it is the newest this application knows when the history records newer ones.
	 * @return the description, with history values escaped
	 * @see #describeNewerUnknownVersions()
	 */
	public String describeCurrentVersion() {
		String version = (this.currentVersion != null) ? Printable.escape(this.currentVersion) : "none";
		if (this.newerUnknownVersions.isEmpty()) {
			return version;
		}
		return (this.currentVersion != null) ? version + ", the newest this application knows"
				: "none this application knows";
	}

	/**
	 * Describe the {@link #newerUnknownVersions() newer unknown versions}, to end a
	 * sentence that gives the current version.
	 * @return the description, starting with {@code "; "}, with history values escaped,
	 * or an empty string if there are none
	 */
	public String describeNewerUnknownVersions() {
		if (this.newerUnknownVersions.isEmpty()) {
			return "";
		}
		return "; the database also records "
				+ String.join(", ", this.newerUnknownVersions.stream().map(Printable::escape).toList())
				+ ", unknown to it (applied by a newer release?)";
	}

	/**
	 * Return the number of migrations recorded as applied.
	 * @return the count
	 */
	public int appliedCount() {
		return this.appliedCount;
	}

}
