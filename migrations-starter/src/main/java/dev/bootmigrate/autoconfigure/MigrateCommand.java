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

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.MigrateResult;
import dev.bootmigrate.MigrationEngine;
import dev.bootmigrate.MigrationsInfo;

/**
 * {@code migrate}: apply pending migrations, up to {@code --migrations.target} if given.
 *
 * @author the bootmigrate authors
 */
final class MigrateCommand extends MigrationsCommand {

	MigrateCommand() {
		super("migrate", "[--migrations.target=<version>]", Option.TARGET);
	}

	@Override
	boolean changesDatabase() {
		return true;
	}

	/**
	 * Apply, then run Hibernate's deferred {@code ddl-auto=validate} and compare the
	 * entities with the database as {@code migrations.on-drift} says, as a start does.
	 */
	@Override
	Result run(MigrationEngine engine, MigrationsProperties properties, @Nullable EntitySchema entities) {
		Result result = run(engine, properties);
		if (entities != null) {
			entities.verify(properties.getOnDrift());
		}
		return result;
	}

	@Override
	Result run(MigrationEngine engine, MigrationsProperties properties) {
		MigrateResult result = engine.migrate(properties.getTarget());
		// What the history records beyond what the application knows takes one more query
		MigrationsInfo snapshot = engine.status();
		if (result.applied().isEmpty()) {
			return Result.ok("Nothing to apply: " + snapshot.table() + " is up to date at version "
					+ snapshot.describeCurrentVersion() + snapshot.describeNewerUnknownVersions() + ".");
		}
		return Result.ok("Applied " + result.applied().size() + " migration(s) in " + result.elapsed().toMillis()
				+ " ms: " + list(result.applied()) + ". Now at version " + snapshot.describeCurrentVersion()
				+ snapshot.describeNewerUnknownVersions() + "."
				+ ((result.pendingAfter() > 0) ? " " + result.pendingAfter() + " pending beyond the target." : ""));
	}

}
