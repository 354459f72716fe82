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

import dev.bootmigrate.internal.InvalidIndex;
import dev.bootmigrate.internal.Migrator;
import dev.bootmigrate.internal.MigrationsSnapshot;

/**
 * {@code status}: print every migration and its state.
 *
 * @author the bootmigrate authors
 */
final class StatusCommand extends MigrationsCommand {

	StatusCommand() {
		super("status", "");
	}

	@Override
	Result run(Migrator migrator, MigrationsProperties properties) {
		// The snapshot first: it reports an unreachable database as a MigrationException
		MigrationsSnapshot snapshot = migrator.snapshot();
		String report = StatusReport.render(migrator.table(), migrator.platform().productName(), snapshot);
		List<InvalidIndex> invalidIndexes = migrator.invalidIndexes();
		if (!invalidIndexes.isEmpty()) {
			report += StatusReport.invalidIndexes(invalidIndexes);
		}
		return new Result(OK, report);
	}

}
