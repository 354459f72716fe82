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

import dev.bootmigrate.MigrationEngine;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.MigrationsInfo;

/**
 * {@code rollback}: revert applied migrations in the reverse of the order they were
 * applied, down to {@code --migrations.target} (kept; {@code base} reverts them all) or
 * {@code --migrations.steps} of them.
 *
 * @author the bootmigrate authors
 */
final class RollbackCommand extends MigrationsCommand {

	RollbackCommand() {
		super("rollback", "--migrations.target=<version>|base | --migrations.steps=<n>", Option.TARGET, Option.STEPS);
	}

	@Override
	boolean changesDatabase() {
		return true;
	}

	@Override
	void checkOwnOptions(MigrationsProperties properties, List<String> problems) {
		if (properties.getTarget() != null && properties.getSteps() != null) {
			problems.add("rollback takes --migrations.target or --migrations.steps, not both");
		}
		if (properties.getTarget() == null && properties.getSteps() == null) {
			problems.add("rollback needs --migrations.target=<version> (kept, the migrations above it are "
					+ "reverted; base reverts them all) or --migrations.steps=<n> (the n applied last are reverted)");
		}
		if (properties.getSteps() != null && properties.getSteps() < 1) {
			problems.add("--migrations.steps must be 1 or more, not " + properties.getSteps());
		}
	}

	@Override
	Result run(MigrationEngine engine, MigrationsProperties properties) {
		String target = properties.getTarget();
		List<MigrationRef> rolledBack = engine.rollback(target, properties.getSteps());
		if (rolledBack.isEmpty()) {
			return Result.ok(MigrationEngine.BASE.equals(target) ? "Nothing to roll back: no migration is applied."
					: "Nothing to roll back: no applied migration is above version " + target + ".");
		}
		MigrationsInfo snapshot = engine.status();
		return Result.ok("Rolled back " + rolledBack.size() + " migration(s): " + list(rolledBack) + ". Now at version "
				+ snapshot.describeCurrentVersion() + snapshot.describeNewerUnknownVersions() + ".");
	}

}
