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
import java.util.List;
import java.util.Objects;

import dev.bootmigrate.MigrationCommandException;
import dev.bootmigrate.MigrationEngine;
import dev.bootmigrate.MigrationInfo;
import dev.bootmigrate.MigrationsInfo;
import dev.bootmigrate.Printable;
import dev.bootmigrate.Versions;

/**
 * {@code show}: everything about one migration, {@code --migrations.version}.
 *
 * @author the bootmigrate authors
 */
final class ShowCommand extends MigrationsCommand {

	private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	ShowCommand() {
		super("show", "--migrations.version=<version>", Option.VERSION);
	}

	@Override
	void checkOwnOptions(MigrationsProperties properties, List<String> problems) {
		if (properties.getVersion() == null) {
			problems.add("show needs --migrations.version=<version>, the migration to describe");
		}
	}

	@Override
	Result run(MigrationEngine engine, MigrationsProperties properties) {
		String version = Objects.requireNonNull(properties.getVersion());
		MigrationsInfo status = engine.status();
		List<MigrationInfo> matching = status.migrations()
			.stream()
			.filter((migration) -> migration.version().equals(version) || (Versions.isValid(migration.version())
					&& Versions.isValid(version) && Versions.compare(migration.version(), version) == 0))
			.toList();
		if (matching.isEmpty()) {
			throw new MigrationCommandException(
					"'" + Printable.escape(version) + "' is not the version of any migration of the application or "
							+ "row of " + status.table() + ".",
					"Give one of these versions: " + String.join(", ",
							status.migrations()
								.stream()
								.map((migration) -> Printable.escape(migration.version()))
								.toList())
							+ " (--migrations.command=status lists them all).");
		}
		StringBuilder report = new StringBuilder();
		matching.forEach((migration) -> describe(migration, report));
		return new Result(OK, report.toString());
	}

	private static void describe(MigrationInfo migration, StringBuilder report) {
		String nl = System.lineSeparator();
		report.append("Migration ").append(migration.ref()).append(nl);
		line(report, "State", StatusReport.state(migration));
		line(report, "Origin",
				(migration.origin() != null)
						? migration.origin().describe() + " (" + migration.origin().location() + ")"
						: "not in this application");
		if (migration.origin() != null) {
			line(report, "Runs", migration.transactional() ? "in a transaction, with its history row"
					: "without a transaction, in auto-commit mode");
			line(report, "Rollback", migration.canRollback() ? "yes" : "no (it does not implement one)");
		}
		line(report, "Checksum",
				(migration.checksum() != null) ? Printable.escape(migration.checksum()) : "none declared");
		MigrationInfo.Applied applied = migration.applied();
		if (applied != null) {
			if (!applied.version().equals(migration.version())) {
				line(report, "Recorded as", Printable.escape(applied.version()));
			}
			line(report, "Recorded type", Printable.escape(applied.type()));
			line(report, "Recorded checksum",
					(applied.checksum() != null) ? Printable.escape(applied.checksum()) : "none");
			if (migration.descriptionChanged()) {
				line(report, "Recorded description", "\"" + Printable.escape(applied.description()) + "\"");
			}
			line(report, (applied.executionMs() >= 0) ? "Applied" : "Started",
					((applied.installedOn() != null) ? INSTANT.format(applied.installedOn()) + " UTC"
							: "(unknown time)") + " by " + Printable.escape(applied.installedBy())
							+ ((applied.executionMs() >= 0) ? ", took " + applied.executionMs() + " ms" : ""));
		}
		report.append(System.lineSeparator());
	}

	private static void line(StringBuilder report, String label, String value) {
		report.append("  ")
			.append(label)
			.append(": ")
			.append(" ".repeat(Math.max(0, 20 - label.length())))
			.append(value)
			.append(System.lineSeparator());
	}

}
