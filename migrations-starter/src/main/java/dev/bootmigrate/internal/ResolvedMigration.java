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

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.InvalidMigrationsException;
import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationInfo;
import dev.bootmigrate.MigrationOrigin;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.MigrationState;
import dev.bootmigrate.Printable;
import dev.bootmigrate.Versions;

/**
 * A validated {@link Migration}, with the values it declared read once.
 *
 * @param origin where it comes from
 * @param migration the migration
 * @param version its version, empty for a repeatable migration
 * @param description its description
 * @param checksum its checksum, or {@code null}
 * @author the bootmigrate authors
 */
record ResolvedMigration(MigrationOrigin origin, Migration migration, String version, String description,
		@Nullable String checksum) {

	/**
	 * The longest description accepted; the history table's column holds it.
	 */
	static final int MAX_DESCRIPTION_LENGTH = 200;

	/**
	 * The longest checksum accepted; the history table's column holds it.
	 */
	static final int MAX_CHECKSUM_LENGTH = 64;

	/**
	 * Whether this is a repeatable migration: it has no version.
	 * @return whether it is repeatable
	 */
	boolean repeatable() {
		return this.version.isEmpty();
	}

	/**
	 * Return the key of this migration's row in the history table: its version, or the
	 * key of a repeatable migration ({@link HistoryTable#repeatableKey(String)}).
	 * @return the key
	 */
	String key() {
		return repeatable() ? HistoryTable.repeatableKey(this.description) : this.version;
	}

	/**
	 * Return the type its history row records when it is applied.
	 * @param transactional whether it was applied in a transaction
	 * @return the type
	 */
	String recordedType(boolean transactional) {
		if (this.origin.type() == MigrationOrigin.Type.SQL) {
			return transactional ? MigrationInfo.Applied.SQL : MigrationInfo.Applied.SQL_NON_TRANSACTIONAL;
		}
		return transactional ? AppliedMigration.TYPE_TRANSACTIONAL : AppliedMigration.TYPE_NON_TRANSACTIONAL;
	}

	/**
	 * Return the version and description of this migration.
	 * @return the reference
	 */
	MigrationRef ref() {
		return new MigrationRef(this.version, this.description);
	}

	/**
	 * Return what this migration is, not yet applied.
	 * @return the description
	 */
	MigrationInfo info() {
		return info(this.version, this.description, MigrationState.PENDING, null);
	}

	/**
	 * Return what this migration is, in the given state and with the given row.
	 */
	MigrationInfo info(String version, String description, MigrationState state, @Nullable AppliedMigration row) {
		return new MigrationInfo(version, description, state, this.origin, this.checksum,
				this.migration.transactional(), this.migration.canRollback(), (row != null) ? row.info() : null);
	}

	/**
	 * Return the user class of this migration, for messages.
	 * @return the class name
	 */
	String typeName() {
		return this.origin.location();
	}

	/**
	 * Orders migrations by version.
	 */
	static final Comparator<ResolvedMigration> ORDER = Comparator.comparing(ResolvedMigration::version, Versions.ORDER);

	/**
	 * Check and index what the migration sources found, reporting every problem at once.
	 * @param found the migrations the sources found, in any order
	 * @return the resolved migrations
	 * @throws InvalidMigrationsException if any migration is invalid, or two declare the
	 * same version
	 */
	static ResolvedMigrations resolveAll(List<MigrationSource.Found> found) {
		return resolveAll(found, List.of());
	}

	/**
	 * Check and index what the migration sources found, versioned and repeatable,
	 * reporting every problem at once.
	 * @param found the versioned migrations the sources found, in any order
	 * @param repeatables the repeatable migrations the sources found, in any order
	 * @return the resolved migrations
	 * @throws InvalidMigrationsException if any migration is invalid, two declare the
	 * same version, or two repeatable ones the same description
	 */
	static ResolvedMigrations resolveAll(List<MigrationSource.Found> found, List<MigrationSource.Found> repeatables) {
		List<String> problems = new ArrayList<>();
		List<ResolvedMigration> resolvedRepeatables = resolveRepeatables(repeatables, problems);
		ResolvedMigrations.Builder resolved = new ResolvedMigrations.Builder(found.size());
		for (MigrationSource.Found candidate : found) {
			ResolvedMigration migration = resolve(candidate.origin(), candidate.migration(), problems);
			if (migration != null) {
				ResolvedMigration existing = resolved.add(migration);
				if (existing != null) {
					problems.add(duplicate(existing, migration));
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidMigrationsException(problems);
		}
		return resolved.build(resolvedRepeatables);
	}

	/**
	 * Check the repeatable migrations, known by their description: unique ignoring case
	 * (their history rows are keyed by it, which some databases compare ignoring case),
	 * with a checksum, whose change is what makes them run again.
	 * @return the valid ones, by description
	 */
	private static List<ResolvedMigration> resolveRepeatables(List<MigrationSource.Found> found,
			List<String> problems) {
		Map<String, ResolvedMigration> byKey = new HashMap<>();
		List<ResolvedMigration> resolved = new ArrayList<>(found.size());
		for (MigrationSource.Found candidate : found) {
			ResolvedMigration migration = resolveRepeatable(candidate.origin(), candidate.migration(), problems);
			if (migration == null) {
				continue;
			}
			ResolvedMigration existing = byKey.putIfAbsent(migration.key(), migration);
			if (existing != null) {
				problems.add("The repeatable migrations " + existing.origin().describe() + " and "
						+ migration.origin().describe() + " have the same description, " + quote(existing.description())
						+ ((existing.description().equals(migration.description())) ? ""
								: " and " + quote(migration.description()) + " (case does not count)")
						+ ", which identifies them; rename one");
				continue;
			}
			resolved.add(migration);
		}
		resolved.sort(REPEATABLE_ORDER);
		return resolved;
	}

	private static @Nullable ResolvedMigration resolveRepeatable(MigrationOrigin origin, Migration migration,
			List<String> problems) {
		String name = origin.describe();
		String version;
		String description;
		String checksum;
		try {
			version = migration.version();
			description = migration.description();
			checksum = migration.checksum();
		}
		catch (RuntimeException ex) {
			problems.add("The repeatable migration " + name + " (" + origin.location()
					+ ") failed to return its version, description or checksum: " + ex);
			return null;
		}
		if (version == null || !version.isEmpty()) {
			problems.add("The repeatable migration " + name + " (" + origin.location() + ") declares the version "
					+ quote(version) + "; a repeatable migration has none (an empty version)");
			return null;
		}
		String descriptionProblem = descriptionProblem(description);
		if (descriptionProblem != null) {
			problems.add("The description of the repeatable migration " + name + " (" + origin.location() + ") "
					+ descriptionProblem);
			return null;
		}
		if (checksum == null || checksum.isBlank() || checksum.length() > MAX_CHECKSUM_LENGTH) {
			problems.add("The checksum of the repeatable migration " + name + " (" + origin.location()
					+ ") must be between 1 and " + MAX_CHECKSUM_LENGTH
					+ " characters: it is what tells when the migration changed and runs again");
			return null;
		}
		return new ResolvedMigration(origin, migration, "", description.strip(), checksum);
	}

	/**
	 * Orders repeatable migrations by description, ignoring case first.
	 */
	static final Comparator<ResolvedMigration> REPEATABLE_ORDER = Comparator
		.comparing(ResolvedMigration::description, String.CASE_INSENSITIVE_ORDER)
		.thenComparing(ResolvedMigration::description);

	private static String duplicate(ResolvedMigration first, ResolvedMigration second) {
		String beans = first.origin().describe() + " (" + first.typeName() + ") and " + second.origin().describe()
				+ " (" + second.typeName() + ")";
		if (first.version().equals(second.version())) {
			return "Version " + quote(first.version()) + " is declared by both " + beans
					+ "; give one of them a new version";
		}
		return "Versions " + quote(first.version()) + " and " + quote(second.version()) + ", declared by " + beans
				+ ", are the same version (separators and trailing zeros do not count); give one of them a new version";
	}

	private static @Nullable ResolvedMigration resolve(MigrationOrigin origin, Migration migration,
			List<String> problems) {
		String name = origin.describe();
		String version;
		String description;
		String checksum;
		try {
			version = migration.version();
			description = migration.description();
			checksum = migration.checksum();
		}
		catch (RuntimeException ex) {
			problems.add("The " + name + " (" + origin.location()
					+ ") failed to return its version, description or checksum: " + ex);
			return null;
		}
		String versionProblem = Versions.problem(version);
		String descriptionProblem = descriptionProblem(description);
		String type = (versionProblem != null || descriptionProblem != null
				|| (checksum != null && (checksum.isBlank() || checksum.length() > MAX_CHECKSUM_LENGTH)))
						? origin.location() : "";
		if (versionProblem != null) {
			problems.add("The version " + quote(version) + " of " + name + " (" + type + ") " + versionProblem);
			return null;
		}
		if (descriptionProblem != null) {
			problems
				.add("The description of " + name + " (" + type + ", version " + version + ") " + descriptionProblem);
			return null;
		}
		if (checksum != null && (checksum.isBlank() || checksum.length() > MAX_CHECKSUM_LENGTH)) {
			problems.add("The checksum of " + name + " (" + type + ", version " + version
					+ ") must be null or between 1 and " + MAX_CHECKSUM_LENGTH + " characters");
			return null;
		}
		return new ResolvedMigration(origin, migration, version, description.strip(), checksum);
	}

	private static @Nullable String descriptionProblem(@Nullable String description) {
		if (description == null || description.isBlank()) {
			return "is blank; return a short sentence from description()";
		}
		if (description.length() > MAX_DESCRIPTION_LENGTH) {
			return "is longer than " + MAX_DESCRIPTION_LENGTH + " characters";
		}
		// Leading and trailing line breaks are stripped: only those inside would be
		// printed
		String stripped = description.strip();
		int unsafe = Printable.indexOfUnsafe(stripped);
		if (unsafe >= 0) {
			return "contains the control character " + Printable.escape(stripped.substring(unsafe, unsafe + 1))
					+ " (shown escaped): \"" + Printable.escape(stripped) + "\"; descriptions are printed in logs "
					+ "and reports, so return one line of plain text";
		}
		return null;
	}

	private static String quote(@Nullable String value) {
		return (value != null) ? "'" + Printable.escape(value) + "'" : "null";
	}

}
