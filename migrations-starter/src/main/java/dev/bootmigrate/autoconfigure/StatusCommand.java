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

	/**
	 * Print the state, and how the entities and the database differ unless
	 * {@code migrations.on-drift=ignore}.
	 */
	@Override
	Result run(MigrationEngine engine, MigrationsProperties properties, @Nullable EntitySchema entities) {
		Result status = run(engine, properties);
		if (entities == null || properties.getOnDrift() == MigrationsProperties.DriftPolicy.IGNORE) {
			return status;
		}
		return new Result(status.exitCode(), status.output() + StatusReport.drift(entities.detect()));
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
