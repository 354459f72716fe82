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

import dev.bootmigrate.MigrationEngine;
import dev.bootmigrate.RepairResult;

/**
 * {@code repair}: re-record checksums and descriptions, clear the records of failed
 * migrations, and forget unknown versions with {@code --migrations.remove-unknown=true}.
 *
 * @author the bootmigrate authors
 */
final class RepairCommand extends MigrationsCommand {

	RepairCommand() {
		super("repair", "[--migrations.remove-unknown=true]", Option.REMOVE_UNKNOWN);
	}

	@Override
	boolean changesDatabase() {
		return true;
	}

	@Override
	Result run(MigrationEngine engine, MigrationsProperties properties) {
		RepairResult result = engine.repair(properties.isRemoveUnknown());
		return Result.ok("Repaired " + result.table() + ": "
				+ ((result.realigned().isEmpty()) ? "no checksum or description to update"
						: "re-recorded the checksum and description of " + list(result.realigned()))
				+ ((result.cleared().isEmpty()) ? ""
						: "; cleared the failed record of " + list(result.cleared())
								+ ", which will run again at the next start")
				+ "; "
				+ ((result.removed().isEmpty()) ? "no unknown version removed"
						: "removed unknown version(s) " + list(result.removed()))
				+ "." + ((result.unknownKept().isEmpty()) ? "" : " Unknown version(s) kept: "
						+ list(result.unknownKept()) + "; add --migrations.remove-unknown=true to remove them."));
	}

}
