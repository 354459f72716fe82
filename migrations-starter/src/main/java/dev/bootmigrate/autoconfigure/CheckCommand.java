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

import java.util.List;

import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.internal.InvalidIndex;
import dev.bootmigrate.internal.MigrationStatus;
import dev.bootmigrate.internal.MigrationStatus.State;
import dev.bootmigrate.internal.Migrator;
import dev.bootmigrate.internal.MigrationsSnapshot;
import dev.bootmigrate.internal.ResolvedMigration;

/**
 * {@code check}: exit with code 2 when anything is pending or invalid, saying what and
 * the command that acts on it.
 *
 * @author the bootmigrate authors
 */
final class CheckCommand extends MigrationsCommand {

	CheckCommand() {
		super("check", "");
	}

	@Override
	Result run(Migrator migrator, MigrationsProperties properties) {
		MigrationsSnapshot snapshot = migrator.snapshot();
		migrator.checkHistory(snapshot);
		List<MigrationRef> pending = snapshot.pending().stream().map(ResolvedMigration::ref).toList();
		List<MigrationRef> unknown = snapshot.refs(State.UNKNOWN);
		List<MigrationRef> mismatches = snapshot.refs(State.CHECKSUM_MISMATCH);
		List<InvalidIndex> invalidIndexes = migrator.invalidIndexes();
		List<MigrationRef> notRecorded = snapshot.checksumsNotRecorded().stream().map(MigrationStatus::ref).toList();
		if (pending.isEmpty() && unknown.isEmpty() && mismatches.isEmpty() && notRecorded.isEmpty()
				&& invalidIndexes.isEmpty()) {
			return Result.ok("Up to date: " + StatusReport.summary(snapshot));
		}
		StringBuilder report = new StringBuilder("Action needed: ").append(StatusReport.summary(snapshot));
		if (!pending.isEmpty()) {
			report.append("\n  pending: ").append(list(pending)).append(" (apply with --migrations.command=migrate)");
		}
		if (!unknown.isEmpty()) {
			report.append("\n  unknown to this application: ")
				.append(list(unknown))
				.append(" (deploy the release that has them, or --migrations.command=repair "
						+ "--migrations.remove-unknown=true)");
		}
		if (!mismatches.isEmpty()) {
			report.append("\n  changed since applied (checksum mismatch): ")
				.append(list(mismatches))
				.append(" (restore them, or record the change with --migrations.command=repair)");
		}
		if (!notRecorded.isEmpty()) {
			report.append("\n  checksum not recorded: ")
				.append(list(notRecorded))
				.append(" (record the declared checksums with --migrations.command=repair)");
		}
		for (InvalidIndex index : invalidIndexes) {
			report.append("\n  invalid index ")
				.append(index)
				.append(", left by an interrupted CREATE INDEX CONCURRENTLY (")
				.append(index.dropStatement())
				.append(" then apply the migration that builds it again, or ")
				.append(index.reindexStatement())
				.append(")");
		}
		return new Result(ACTION_NEEDED, report.append(System.lineSeparator()).toString());
	}

}
