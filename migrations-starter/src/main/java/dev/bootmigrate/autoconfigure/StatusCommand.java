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
import dev.bootmigrate.MigrationsInfo;

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
	Result run(MigrationEngine engine, MigrationsProperties properties) {
		MigrationsInfo status = engine.status();
		String report = StatusReport.render(status);
		if (!status.invalidIndexes().isEmpty()) {
			report += StatusReport.invalidIndexes(status.invalidIndexes());
		}
		return new Result(OK, report);
	}

}
