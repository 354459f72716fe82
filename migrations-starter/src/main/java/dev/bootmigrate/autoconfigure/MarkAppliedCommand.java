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

/**
 * {@code mark-applied}: record the pending migrations up to {@code --migrations.target},
 * or the one migration of {@code --migrations.version}, as applied without running them.
 *
 * @author the bootmigrate authors
 */
final class MarkAppliedCommand extends MigrationsCommand {

	MarkAppliedCommand() {
		super("mark-applied", "--migrations.target=<version> | --migrations.version=<version>", Option.TARGET,
				Option.VERSION);
	}

	@Override
	boolean changesDatabase() {
		return true;
	}

	@Override
	void checkOwnOptions(MigrationsProperties properties, List<String> problems) {
		if (properties.getTarget() != null && properties.getVersion() != null) {
			problems.add("mark-applied takes --migrations.target or --migrations.version, not both");
		}
		if (properties.getTarget() == null && properties.getVersion() == null) {
			problems.add("mark-applied needs --migrations.target=<version> (the pending migrations up to it are "
					+ "recorded) or --migrations.version=<version> (that one migration is recorded)");
		}
	}

	@Override
	Result run(MigrationEngine engine, MigrationsProperties properties) {
		String version = properties.getVersion();
		if (version != null) {
			List<MigrationRef> marked = engine.markAppliedVersion(version);
			if (marked.isEmpty()) {
				return Result.ok("Nothing to record: version " + version + " is already recorded as applied.");
			}
			return Result.ok("Recorded " + list(marked) + " as applied without running it.");
		}
		String target = properties.getTarget();
		List<MigrationRef> marked = engine.markApplied(target);
		if (marked.isEmpty()) {
			return Result.ok("Nothing to record: no pending migration up to version " + target + ".");
		}
		return Result
			.ok("Recorded " + marked.size() + " migration(s) as applied without running them: " + list(marked) + ".");
	}

}
