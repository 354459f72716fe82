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

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.InvalidIndex;
import dev.bootmigrate.MigrationEngine;
import dev.bootmigrate.MigrationInfo;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.MigrationState;
import dev.bootmigrate.MigrationsInfo;
import dev.bootmigrate.SchemaDifference;

/**
 * {@code check}: exit with code 2 when anything is pending (a repeatable migration that
 * changed since it was applied included) or invalid, or the JPA entities and the database
 * differ, saying what and the command that acts on it.
 *
 * @author the bootmigrate authors
 */
final class CheckCommand extends MigrationsCommand {

	CheckCommand() {
		super("check", "");
	}

	@Override
	Result run(MigrationEngine engine, MigrationsProperties properties) {
		return check(engine.check(), List.of());
	}

	/**
	 * Check, and compare the entities with the database unless
	 * {@code migrations.on-drift=ignore}: a difference needs action too.
	 */
	@Override
	Result run(MigrationEngine engine, MigrationsProperties properties, @Nullable EntitySchema entities) {
		MigrationsInfo snapshot = engine.check();
		boolean compare = entities != null && properties.getOnDrift() != MigrationsProperties.DriftPolicy.IGNORE;
		return check(snapshot, compare ? entities.detect() : List.of());
	}

	private Result check(MigrationsInfo snapshot, List<SchemaDifference> drift) {
		List<MigrationRef> pending = refs(snapshot.inState(MigrationState.PENDING));
		List<MigrationRef> outdated = refs(snapshot.inState(MigrationState.OUTDATED));
		List<MigrationRef> unknown = refs(snapshot.inState(MigrationState.UNKNOWN));
		List<MigrationRef> mismatches = refs(snapshot.inState(MigrationState.CHECKSUM_MISMATCH));
		List<InvalidIndex> invalidIndexes = snapshot.invalidIndexes();
		List<MigrationRef> notRecorded = refs(snapshot.checksumsNotRecorded());
		List<MigrationRef> failed = refs(snapshot.inState(MigrationState.FAILED));
		if (pending.isEmpty() && outdated.isEmpty() && failed.isEmpty() && unknown.isEmpty() && mismatches.isEmpty()
				&& notRecorded.isEmpty() && invalidIndexes.isEmpty() && drift.isEmpty()) {
			return Result.ok("Up to date: " + snapshot.summary());
		}
		StringBuilder report = new StringBuilder("Action needed: ").append(snapshot.summary());
		if (!pending.isEmpty()) {
			report.append("\n  pending: ").append(list(pending)).append(" (apply with --migrations.command=migrate)");
		}
		if (!outdated.isEmpty()) {
			report.append("\n  repeatable, changed since applied: ")
				.append(list(outdated))
				.append(" (apply again with --migrations.command=migrate)");
		}
		if (!failed.isEmpty()) {
			report.append("\n  recorded as failed, part of it committed: ")
				.append(list(failed))
				.append(" (check the schema, then --migrations.command=mark-applied --migrations.version=<version>, "
						+ "or --migrations.command=repair to run it again; an instance applying it right now shows "
						+ "this too)");
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
		if (!drift.isEmpty()) {
			report
				.append("\n  the entities and the database differ (write a migration: --migrations.command=diff prints "
						+ "its SQL):");
			drift.forEach((difference) -> report.append("\n    - ").append(difference));
		}
		return new Result(ACTION_NEEDED, report.append(System.lineSeparator()).toString());
	}

	private static List<MigrationRef> refs(List<MigrationInfo> migrations) {
		return migrations.stream().map(MigrationInfo::ref).toList();
	}

}
