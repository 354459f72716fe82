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
package dev.bootmigrate.autoconfigure;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.InvalidIndex;
import dev.bootmigrate.MigrationInfo;
import dev.bootmigrate.MigrationOrigin;
import dev.bootmigrate.MigrationsInfo;
import dev.bootmigrate.Printable;
import dev.bootmigrate.SchemaDifference;
import dev.bootmigrate.Versions;

/**
 * Renders {@link MigrationsInfo} as the table printed by the {@code status} command.
 *
 * @author the bootmigrate authors
 */
final class StatusReport {

	private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private static final String[] HEADINGS = { "Version", "Description", "Type", "State", "Applied at (UTC)", "By",
			"Took", "Origin", "Notes" };

	/**
	 * The column of the notes, shown only when a row has some.
	 */
	private static final int NOTES = 8;

	/**
	 * The class of the migrations that {@code Migration.of} makes.
	 */
	private static final String FUNCTIONAL_MIGRATION = "dev.bootmigrate.FunctionalMigration";

	private StatusReport() {
	}

	static String render(MigrationsInfo snapshot) {
		String table = snapshot.table();
		StringBuilder report = new StringBuilder();
		report.append("Migrations of ")
			.append(table)
			.append(" on ")
			.append(snapshot.database())
			.append(':')
			.append('\n');
		report.append('\n');
		if (snapshot.migrations().isEmpty()) {
			report.append("  (no migrations)").append('\n');
		}
		else {
			List<String[]> rows = new ArrayList<>();
			rows.add(HEADINGS);
			snapshot.migrations().forEach((status) -> rows.add(row(status)));
			int[] widths = new int[HEADINGS.length];
			for (String[] row : rows) {
				for (int i = 0; i < row.length; i++) {
					widths[i] = Math.max(widths[i], row[i].length());
				}
			}
			boolean notes = rows.stream().skip(1).anyMatch((row) -> !row[NOTES].isEmpty());
			int columns = notes ? HEADINGS.length : NOTES;
			for (String[] row : rows) {
				StringBuilder line = new StringBuilder("  ");
				for (int i = 0; i < columns; i++) {
					line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
				}
				report.append(line.toString().stripTrailing()).append('\n');
			}
		}
		List<String> problems = snapshot.historyProblems();
		if (!problems.isEmpty()) {
			report.append('\n')
				.append("Every command but status refuses to work on ")
				.append(table)
				.append(" until these rows are fixed by hand:")
				.append('\n');
			problems.forEach((problem) -> report.append("  - ").append(problem).append('\n'));
		}
		report.append('\n').append(snapshot.summary()).append('\n');
		return report.toString();
	}

	static String drift(List<SchemaDifference> differences) {
		if (differences.isEmpty()) {
			return "\nThe JPA entities and the database agree.\n";
		}
		StringBuilder report = new StringBuilder("\nThe JPA entities and the database differ (write a migration: "
				+ "--migrations.command=diff prints its SQL):\n\n");
		differences.forEach((difference) -> report.append("  - ").append(difference).append('\n'));
		return report.toString();
	}

	static String invalidIndexes(List<InvalidIndex> indexes) {
		StringBuilder report = new StringBuilder();
		report.append('\n')
			.append("Invalid indexes in schema ")
			.append(indexes.get(0).schema())
			.append(", left by an interrupted or failed CREATE INDEX CONCURRENTLY: queries do not use them, ")
			.append("and CREATE INDEX CONCURRENTLY IF NOT EXISTS skips them.")
			.append('\n')
			.append('\n');
		for (InvalidIndex index : indexes) {
			report.append("  ").append(index).append('\n');
		}
		report.append('\n')
			.append("Drop each and start the application again, so that the migration that builds it runs again:")
			.append('\n')
			.append('\n');
		indexes.forEach((index) -> report.append("  ").append(index.dropStatement()).append('\n'));
		report.append('\n')
			.append("If that migration is already recorded as applied, rebuild the index in place instead:")
			.append('\n')
			.append('\n');
		indexes.forEach((index) -> report.append("  ").append(index.reindexStatement()).append('\n'));
		return report.toString();
	}

	/**
	 * Return the cells of a status, with the values of the history table escaped: someone
	 * may have written line breaks or terminal escape sequences into it.
	 */
	private static String[] row(MigrationInfo status) {
		MigrationInfo.Applied applied = status.applied();
		String version = Printable.escape(status.version());
		String description = Printable.escape(status.description());
		if (applied == null) {
			return new String[] { version, description, type(status), state(status), "", "", "", origin(status), "" };
		}
		return new String[] { version, description, type(status), state(status),
				(applied.installedOn() != null) ? INSTANT.format(applied.installedOn()) : "",
				Printable.escape(applied.installedBy()),
				(applied.executionMs() >= 0) ? applied.executionMs() + " ms" : "", origin(status),
				notes(status, applied) };
	}

	/**
	 * Return what kind of migration it is: a bean, an SQL file, repeatable or not;
	 * nothing for a version the application does not know.
	 */
	private static String type(MigrationInfo status) {
		MigrationOrigin origin = status.origin();
		if (origin == null) {
			return status.repeatable() ? "repeatable" : "";
		}
		if (origin.type() == MigrationOrigin.Type.BEAN) {
			return "bean";
		}
		return status.repeatable() ? "SQL, repeatable" : "SQL";
	}

	/**
	 * Return where the application defines the migration: the class of its bean (its name
	 * when {@code Migration.of} made it, whose class says nothing), or the path of its
	 * file.
	 */
	private static String origin(MigrationInfo status) {
		MigrationOrigin origin = status.origin();
		if (origin == null) {
			return "";
		}
		if (origin.type() != MigrationOrigin.Type.BEAN) {
			return Printable.escape(origin.name());
		}
		return Printable.escape(FUNCTIONAL_MIGRATION.equals(origin.location()) ? origin.name() : origin.location());
	}

	private static String notes(MigrationInfo status, MigrationInfo.Applied applied) {
		List<String> notes = new ArrayList<>(0);
		if (!status.repeatable() && !applied.version().equals(status.version())) {
			notes.add("recorded as " + Printable.escape(applied.version()));
		}
		if (status.descriptionChanged()) {
			notes.add("description changed (recorded: \"" + Printable.escape(applied.description()) + "\")");
		}
		if (status.checksumNotRecorded()) {
			notes.add("checksum not recorded");
		}
		return String.join("; ", notes);
	}

	private static String applied(MigrationInfo.@Nullable Applied applied) {
		if (applied != null && applied.marked()) {
			return "applied (marked)";
		}
		return (applied != null && applied.byFlyway()) ? "applied (by Flyway)" : "applied";
	}

	static String state(MigrationInfo status) {
		return switch (status.state()) {
			case APPLIED -> applied(status.applied());
			case PENDING -> "pending";
			case OUTDATED -> "outdated (changed since applied)";
			case FAILED -> "failed (part of it committed)";
			case UNKNOWN -> "unknown (not in this application)";
			case CHECKSUM_MISMATCH -> "checksum mismatch";
			case INVALID -> Versions.isValid(status.version()) ? "invalid (another row has an equal version)"
					: "invalid (not a valid version)";
		};
	}

}
