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
package dev.bootmigrate;

import java.time.Duration;

/**
 * Told what the migration engine does, for metrics and logs: declare beans of this type
 * and the starter calls each, in order. A callback must not fail: what it throws is
 * logged and does not change the outcome of the migration.
 *
 * @author the bootmigrate authors
 */
public interface MigrationCallback {

	/**
	 * Called after a migration has been applied and recorded.
	 * @param migration the migration, still in the state it had before it was applied
	 * @param duration how long it took
	 */
	default void afterEachMigrate(MigrationInfo migration, Duration duration) {
	}

	/**
	 * Called whenever the engine has counted the migrations of the application not yet
	 * applied: at every start, after a run, and whenever a command or the endpoint reads
	 * the history table.
	 * @param pending how many are not applied
	 */
	default void pendingCounted(int pending) {
	}

}
