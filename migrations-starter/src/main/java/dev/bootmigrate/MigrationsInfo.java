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

import org.jspecify.annotations.Nullable;

/**
 * The application's migrations set against the rows of the history table, as read in one
 * query: what {@code status} prints and the {@code migrations} actuator endpoint shows.
 *
 * @author the bootmigrate authors
 * @see MigrationEngine#status()
 */
public interface MigrationsInfo {

	/**
	 * Return the history table.
	 * @return the table name, qualified by its schema if one is configured
	 */
	String table();

	/**
	 * Return the database product, as its driver names it.
	 * @return the product name
	 */
	String database();

	/**
	 * Whether the history table exists.
	 * @return whether the table exists
	 */
	boolean tableExists();

	/**
	 * Return every migration, known to the application or recorded in the history table,
	 * in version order, then the repeatable ones by description.
	 * @return the migrations
	 */
	List<MigrationInfo> migrations();

	/**
	 * Return what the next {@code migrate} applies: the migrations of the application not
	 * yet applied, in version order, then the repeatable ones not yet applied or
	 * {@linkplain MigrationState#OUTDATED changed since}, by description.
	 * @return the pending migrations
	 */
	List<MigrationInfo> pending();

	/**
	 * Return the migrations in the given state, in version order, then the repeatable
	 * ones by description.
	 * @param state the state
	 * @return the migrations in that state
	 */
	List<MigrationInfo> inState(MigrationState state);

	/**
	 * Return the applied migrations for which the application declares a checksum that
	 * their rows do not record.
	 * @return the migrations, in version order
	 * @see MigrationInfo#checksumNotRecorded()
	 */
	List<MigrationInfo> checksumsNotRecorded();

	/**
	 * Return how many rows of the history table record a migration as applied.
	 * @return the count
	 */
	int appliedCount();

	/**
	 * Return the highest applied version that the application knows. Versions recorded
	 * above it that it does not know are {@link #newerUnknownVersions()}.
	 * @return the version, or {@code null} if no migration of the application is applied
	 */
	@Nullable String currentVersion();

	/**
	 * Return the versions recorded above the {@link #currentVersion() current version}
	 * that the application does not know: applied by a newer release, most likely.
	 * @return the versions, as recorded, in version order
	 */
	List<String> newerUnknownVersions();

	/**
	 * Describe, one sentence each, why {@link MigrationState#INVALID invalid} rows cannot
	 * be matched with migrations and how to fix them by hand.
	 * @return the problems, with the values of the rows escaped; empty when every row can
	 * be matched
	 */
	List<String> historyProblems();

	/**
	 * Return the invalid indexes of the history table's schema, which an interrupted
	 * {@code CREATE INDEX CONCURRENTLY} leaves behind on PostgreSQL.
	 * @return the invalid indexes, always empty on other databases
	 */
	List<InvalidIndex> invalidIndexes();

	/**
	 * Describe the current version for a message: the version, or {@code none}, saying
	 * that it is the newest this application knows when the history records newer ones.
	 * @return the description, with history values escaped
	 * @see #describeNewerUnknownVersions()
	 */
	default String describeCurrentVersion() {
		String current = currentVersion();
		String version = (current != null) ? Printable.escape(current) : "none";
		if (newerUnknownVersions().isEmpty()) {
			return version;
		}
		return (current != null) ? version + ", the newest this application knows" : "none this application knows";
	}

	/**
	 * Describe the {@link #newerUnknownVersions() newer unknown versions}, to end a
	 * sentence that gives the current version.
	 * @return the description, starting with {@code "; "}, with history values escaped,
	 * or an empty string if there are none
	 */
	default String describeNewerUnknownVersions() {
		List<String> newer = newerUnknownVersions();
		if (newer.isEmpty()) {
			return "";
		}
		return "; the database also records " + String.join(", ", newer.stream().map(Printable::escape).toList())
				+ ", unknown to it (applied by a newer release?)";
	}

	/**
	 * Sum the state up in one sentence: how many migrations are applied, pending, unknown
	 * and changed, and the current version.
	 * @return the summary
	 */
	default String summary() {
		int unknown = inState(MigrationState.UNKNOWN).size();
		int mismatches = inState(MigrationState.CHECKSUM_MISMATCH).size();
		int notRecorded = checksumsNotRecorded().size();
		int invalid = inState(MigrationState.INVALID).size();
		int failed = inState(MigrationState.FAILED).size();
		int outdated = inState(MigrationState.OUTDATED).size();
		return appliedCount() + " applied, " + pending().size() + " pending"
				+ ((outdated != 0) ? " (" + outdated + " repeatable to apply again)" : "") + ", "
				+ ((failed != 0) ? failed + " failed, " : "") + unknown + " unknown, " + mismatches
				+ " checksum mismatch" + ((mismatches != 1) ? "es" : "")
				+ ((notRecorded != 0)
						? ", " + notRecorded + " checksum" + ((notRecorded != 1) ? "s" : "") + " not recorded" : "")
				+ ((invalid != 0) ? ", " + invalid + " invalid row" + ((invalid != 1) ? "s" : "") : "")
				+ "; current version " + describeCurrentVersion()
				+ ((tableExists()) ? "" : " (the history table does not exist yet)") + describeNewerUnknownVersions()
				+ ".";
	}

}
