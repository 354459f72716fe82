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

import dev.bootmigrate.InvalidIndex;
import dev.bootmigrate.MigrationInfo;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.MigrationState;
import dev.bootmigrate.MigrationsInfo;
import dev.bootmigrate.Printable;
import dev.bootmigrate.Versions;

/**
 * The migrations of the code set against the rows of the history table, read in one
 * query. A row belongs to the migration whose version equals its own in the version
 * order, however either is spelled; rows that cannot be matched one to one (two rows of
 * equal versions, or a row whose version is not valid) are {@link State#INVALID invalid}.
 * The row of a repeatable migration is keyed by its description
 * ({@link HistoryTable#repeatableKey(String)}): it belongs to the repeatable migration of
 * that key, and is unknown when the application has none.
 * <p>
 * What the startup check needs (what is pending, unknown or changed, and the current
 * version) is worked out in one pass over the migrations, in whatever order they come;
 * the complete, ordered list of statuses is only built when asked for.
 *
 * @author the bootmigrate authors
 */
final class MigrationsSnapshot implements MigrationsInfo {

	/**
	 * Orders versioned migrations by version, then repeatable ones by description.
	 */
	private static final Comparator<MigrationInfo> BY_VERSION = (left, right) -> {
		if (left.repeatable() != right.repeatable()) {
			return left.repeatable() ? 1 : -1;
		}
		if (left.repeatable()) {
			int order = String.CASE_INSENSITIVE_ORDER.compare(left.description(), right.description());
			return (order != 0) ? order : left.description().compareTo(right.description());
		}
		return Versions.compare(left.version(), right.version());
	};

	private final ResolvedMigrations migrations;

	private final HistoryTable table;

	private final String database;

	private final List<InvalidIndex> invalidIndexes;

	private final @Nullable AppliedMigration[] rows;

	private final boolean @Nullable [] conflicted;

	private final @Nullable AppliedMigration[] repeatableRows;

	private final boolean tableExists;

	private boolean rollingBack;

	private final List<ResolvedMigration> pending;

	private final List<ResolvedMigration> dueRepeatables;

	private final List<MigrationInfo> unknown;

	private final List<MigrationInfo> checksumMismatches;

	private final List<MigrationInfo> checksumsNotRecorded;

	private final List<MigrationInfo> invalid;

	private final List<MigrationInfo> failed;

	private final int appliedCount;

	private final @Nullable String currentVersion;

	private final List<String> newerUnknownVersions;

	private volatile @Nullable List<MigrationInfo> statuses;

	private volatile @Nullable List<MigrationInfo> pendingInfos;

	/**
	 * Set the history against the migrations.
	 * @param migrations the application's migrations
	 * @param history the rows of the history table, or {@code null} if it does not exist
	 * @param table the history table
	 * @param database the database product, or an empty string when not known yet
	 * @param invalidIndexes the invalid indexes of the table's schema, if looked for
	 */
	MigrationsSnapshot(ResolvedMigrations migrations, @Nullable List<AppliedMigration> history, HistoryTable table,
			String database, List<InvalidIndex> invalidIndexes) {
		this.migrations = migrations;
		this.table = table;
		this.database = database;
		this.invalidIndexes = invalidIndexes;
		this.tableExists = history != null;
		// The row of each migration by its position, matched by version equality (a row
		// of 2 is the row of 2.0); rows that no migration claims are unknown, rows that
		// cannot be matched one to one are invalid
		AppliedMigration[] rows = new AppliedMigration[migrations.size()];
		AppliedMigration[] repeatableRows = new AppliedMigration[migrations.repeatables().size()];
		boolean[] conflicted = null;
		List<AppliedMigration> unclaimed = new ArrayList<>(0);
		List<MigrationInfo> unknownRepeatables = new ArrayList<>(0);
		List<MigrationInfo> invalid = new ArrayList<>(0);
		List<MigrationInfo> failed = new ArrayList<>(0);
		int incomplete = 0;
		if (history != null) {
			for (AppliedMigration row : history) {
				if (HistoryTable.isRepeatableKey(row.version())) {
					// Keys are unique: one row at most for each repeatable migration
					int position = migrations.indexOfRepeatable(row.version());
					if (row.isIncomplete()) {
						incomplete++;
					}
					if (position >= 0) {
						repeatableRows[position] = row;
					}
					else {
						MigrationInfo status = new MigrationInfo("", Objects.requireNonNullElse(row.description(), ""),
								row.isIncomplete() ? MigrationState.FAILED : MigrationState.UNKNOWN, null, null,
								row.ranInTransaction(), false, row.info());
						(row.isIncomplete() ? failed : unknownRepeatables).add(status);
					}
					continue;
				}
				if (!Versions.isValid(row.version())) {
					invalid.add(invalid(null, row));
					continue;
				}
				if (row.isBeingRolledBack()) {
					this.rollingBack = true;
				}
				int position = migrations.indexOfVersion(row.version());
				if (row.isIncomplete()) {
					incomplete++;
				}
				if (position < 0 && row.isIncomplete()) {
					failed.add(new MigrationInfo(row.version(), Objects.requireNonNullElse(row.description(), ""),
							MigrationState.FAILED, null, null, row.ranInTransaction(), false, row.info()));
				}
				else if (position < 0) {
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
		this.repeatableRows = repeatableRows;
		List<ResolvedMigration> pending = new ArrayList<>();
		List<MigrationInfo> mismatches = new ArrayList<>(0);
		List<MigrationInfo> notRecorded = new ArrayList<>(0);
		String current = null;
		for (int i = 0; i < rows.length; i++) {
			ResolvedMigration migration = migrations.get(i);
			AppliedMigration row = rows[i];
			if (row == null) {
				pending.add(migration);
				continue;
			}
			if (row.isIncomplete()) {
				// Claimed by a run that did not complete it, after part of it was
				// committed
				if (!isConflicted(i)) {
					failed.add(status(migration, row));
				}
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
			else if (state(migration, row) == MigrationState.CHECKSUM_MISMATCH) {
				mismatches.add(status(migration, row));
			}
		}
		List<ResolvedMigration> due = new ArrayList<>(0);
		for (int i = 0; i < repeatableRows.length; i++) {
			ResolvedMigration migration = migrations.repeatables().get(i);
			MigrationState state = state(migration, repeatableRows[i]);
			if (state == MigrationState.PENDING || state == MigrationState.OUTDATED) {
				due.add(migration);
			}
			else if (state == MigrationState.FAILED) {
				failed.add(status(migration, repeatableRows[i]));
			}
		}
		List<MigrationInfo> unknown = new ArrayList<>(unclaimed.size() + unknownRepeatables.size());
		if (!unclaimed.isEmpty()) {
			for (AppliedMigration row : unclaimed) {
				unknown.add(new MigrationInfo(row.version(), Objects.requireNonNullElse(row.description(), ""),
						MigrationState.UNKNOWN, null, null, row.ranInTransaction(), false, row.info()));
			}
			unknown.sort(BY_VERSION);
			if (unknown.size() > 1) {
				unknown = withoutEqualVersions(unknown, invalid);
			}
		}
		List<String> newer = unknown.isEmpty() ? List.of() : newerVersions(unknown, current);
		if (!unknownRepeatables.isEmpty()) {
			unknownRepeatables.sort(BY_VERSION);
			unknown.addAll(unknownRepeatables);
		}
		if (pending.size() > 1) {
			pending.sort(ResolvedMigration.ORDER);
		}
		if (mismatches.size() > 1) {
			mismatches.sort(BY_VERSION);
		}
		if (notRecorded.size() > 1) {
			notRecorded.sort(BY_VERSION);
		}
		if (failed.size() > 1) {
			failed.sort(BY_VERSION);
		}
		if (invalid.size() > 1) {
			// Equal versions in the same order, whatever the order of the rows
			invalid.sort(BY_VERSION.thenComparing(MigrationInfo::version));
		}
		this.pending = Collections.unmodifiableList(pending);
		this.dueRepeatables = Collections.unmodifiableList(due);
		this.unknown = Collections.unmodifiableList(unknown);
		this.checksumMismatches = Collections.unmodifiableList(mismatches);
		this.checksumsNotRecorded = Collections.unmodifiableList(notRecorded);
		this.invalid = Collections.unmodifiableList(invalid);
		this.failed = Collections.unmodifiableList(failed);
		this.appliedCount = (history != null) ? history.size() - incomplete : 0;
		this.currentVersion = current;
		this.newerUnknownVersions = newer;
	}

	private static List<String> newerVersions(List<MigrationInfo> sorted, @Nullable String current) {
		return sorted.stream()
			.map(MigrationInfo::version)
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
	private static List<MigrationInfo> withoutEqualVersions(List<MigrationInfo> unknown, List<MigrationInfo> invalid) {
		List<MigrationInfo> kept = new ArrayList<>(unknown.size());
		int start = 0;
		for (int i = 1; i <= unknown.size(); i++) {
			if (i == unknown.size() || Versions.compare(unknown.get(start).version(), unknown.get(i).version()) != 0) {
				if (i - start == 1) {
					kept.add(unknown.get(start));
				}
				else {
					unknown.subList(start, i)
						.forEach((status) -> invalid.add(invalid(null, AppliedMigration.of(status.applied()))));
				}
				start = i;
			}
		}
		return kept;
	}

	private static MigrationInfo invalid(@Nullable ResolvedMigration migration, AppliedMigration row) {
		String description = (row.description() != null) ? row.description()
				: (migration != null) ? migration.description() : "";
		if (migration == null) {
			return new MigrationInfo(row.version(), description, MigrationState.INVALID, null, null,
					row.ranInTransaction(), false, row.info());
		}
		return migration.info(row.version(), description, MigrationState.INVALID, row);
	}

	private static MigrationState state(ResolvedMigration migration, @Nullable AppliedMigration row) {
		if (row == null) {
			return MigrationState.PENDING;
		}
		if (row.isIncomplete()) {
			return MigrationState.FAILED;
		}
		if (migration.repeatable()) {
			return Objects.equals(migration.checksum(), row.checksum()) ? MigrationState.APPLIED
					: MigrationState.OUTDATED;
		}
		boolean mismatch = migration.checksum() != null && row.checksum() != null
				&& !Objects.equals(migration.checksum(), row.checksum());
		return mismatch ? MigrationState.CHECKSUM_MISMATCH : MigrationState.APPLIED;
	}

	private static MigrationInfo status(ResolvedMigration migration, @Nullable AppliedMigration row) {
		return migration.info(migration.version(), migration.description(), state(migration, row), row);
	}

	/**
	 * Whether rows are marked as being rolled back: a rollback command runs now, or was
	 * interrupted.
	 * @return whether a rollback is in progress or was interrupted
	 */
	boolean rollingBack() {
		return this.rollingBack;
	}

	@Override
	public String table() {
		return this.table.qualifiedName();
	}

	@Override
	public String database() {
		return this.database;
	}

	@Override
	public boolean tableExists() {
		return this.tableExists;
	}

	@Override
	public List<InvalidIndex> invalidIndexes() {
		return this.invalidIndexes;
	}

	@Override
	public List<MigrationInfo> migrations() {
		List<MigrationInfo> statuses = this.statuses;
		if (statuses == null) {
			List<MigrationInfo> all = new ArrayList<>(
					this.migrations.size() + this.unknown.size() + this.invalid.size());
			for (int i = 0; i < this.rows.length; i++) {
				if (!isConflicted(i)) {
					all.add(status(this.migrations.get(i), this.rows[i]));
				}
			}
			for (int i = 0; i < this.repeatableRows.length; i++) {
				all.add(status(this.migrations.repeatables().get(i), this.repeatableRows[i]));
			}
			all.addAll(this.unknown);
			all.addAll(this.invalid);
			this.failed.stream().filter((status) -> status.origin() == null).forEach(all::add);
			all.sort(BY_VERSION);
			statuses = Collections.unmodifiableList(all);
			this.statuses = statuses;
		}
		return statuses;
	}

	@Override
	public List<MigrationInfo> pending() {
		List<MigrationInfo> pending = this.pendingInfos;
		if (pending == null) {
			List<MigrationInfo> all = new ArrayList<>(this.pending.size() + this.dueRepeatables.size());
			this.pending.forEach((migration) -> all.add(status(migration, null)));
			this.dueRepeatables.forEach((migration) -> all
				.add(status(migration, this.repeatableRows[this.migrations.indexOfRepeatable(migration.key())])));
			pending = Collections.unmodifiableList(all);
			this.pendingInfos = pending;
		}
		return pending;
	}

	/**
	 * Return the versioned migrations not yet applied, in version order.
	 * @return the pending migrations
	 */
	List<ResolvedMigration> pendingMigrations() {
		return this.pending;
	}

	/**
	 * Return the repeatable migrations not yet applied, or applied with another checksum
	 * than the one they have now, by description.
	 * @return the repeatable migrations to apply
	 */
	List<ResolvedMigration> dueRepeatables() {
		return this.dueRepeatables;
	}

	/**
	 * Return how many migrations the next run applies: the pending versioned migrations
	 * and the due repeatable ones.
	 * @return the count
	 */
	int pendingCount() {
		return this.pending.size() + this.dueRepeatables.size();
	}

	/**
	 * Return the pending migrations up to and including the given target version.
	 * @param target the target version, or {@code null} for all
	 * @return the pending migrations, in version order
	 */
	List<ResolvedMigration> pendingMigrations(@Nullable String target) {
		if (target == null) {
			return this.pending;
		}
		return this.pending.stream().filter((migration) -> Versions.compare(migration.version(), target) <= 0).toList();
	}

	@Override
	public List<MigrationInfo> inState(MigrationState state) {
		return switch (state) {
			case UNKNOWN -> this.unknown;
			case CHECKSUM_MISMATCH -> this.checksumMismatches;
			case INVALID -> this.invalid;
			case FAILED -> this.failed;
			case PENDING -> this.dueRepeatables.isEmpty() ? pending()
					: pending().stream().filter((status) -> status.state() == state).toList();
			case OUTDATED -> pending().stream().filter((status) -> status.state() == state).toList();
			default -> migrations().stream().filter((status) -> status.state() == state).toList();
		};
	}

	List<MigrationInfo> unknown() {
		return this.unknown;
	}

	List<MigrationInfo> invalid() {
		return this.invalid;
	}

	/**
	 * Return the migrations recorded as failed: known to the application or not.
	 */
	List<MigrationInfo> failed() {
		return this.failed;
	}

	@Override
	public List<MigrationInfo> checksumsNotRecorded() {
		return this.checksumsNotRecorded;
	}

	/**
	 * Return the version and description of the migrations in the given state.
	 * @param state the state
	 * @return the references, in version order
	 */
	List<MigrationRef> refs(MigrationState state) {
		return inState(state).stream().map(MigrationInfo::ref).toList();
	}

	@Override
	public List<String> historyProblems() {
		HistoryTable table = this.table;
		List<String> problems = new ArrayList<>();
		Map<String, List<MigrationInfo>> equalVersions = new LinkedHashMap<>();
		for (MigrationInfo status : this.invalid) {
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

	private static String equalVersions(HistoryTable table, List<MigrationInfo> statuses) {
		List<MigrationInfo> rows = new ArrayList<>(statuses);
		rows.sort(Comparator.comparing(MigrationInfo::installedOn, Comparator.nullsLast(Comparator.naturalOrder())));
		MigrationInfo kept = rows.get(0);
		List<MigrationInfo> others = rows.subList(1, rows.size());
		boolean recordedFirst = kept.installedOn() != null && others.stream()
			.allMatch((other) -> other.installedOn() != null && other.installedOn().isAfter(kept.installedOn()));
		String migration = (kept.origin() != null) ? " (the version of " + kept.origin().describe() + ")" : "";
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
	private static String row(MigrationInfo status) {
		MigrationInfo.Applied row = status.applied();
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

	@Override
	public @Nullable String currentVersion() {
		return this.currentVersion;
	}

	@Override
	public List<String> newerUnknownVersions() {
		return this.newerUnknownVersions;
	}

	@Override
	public int appliedCount() {
		return this.appliedCount;
	}

}
