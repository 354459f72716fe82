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
import java.util.List;

/**
 * Called by the migration engine around a run that has something to apply: declare beans
 * of this type and the starter calls each, in their order. A typical use is a backup
 * before migrating ({@code pg_dump}, {@code mariadb-dump}), a notification after, or
 * metrics.
 * <p>
 * A failure in {@link #beforeMigrate} stops the run before anything is applied, and the
 * start or the command fails with a {@link MigrationCallbackException}. What the other
 * methods throw is logged and changes nothing: the migrations they are told about are
 * committed already, or failed already.
 *
 * @author the bootmigrate authors
 */
public interface MigrationCallback {

	/**
	 * Called before a run applies anything, while it holds the migration lock, when
	 * something is pending.
	 * @param pending the migrations about to be applied, in order
	 * @throws Exception to stop the run: nothing is applied
	 */
	default void beforeMigrate(List<MigrationInfo> pending) throws Exception {
	}

	/**
	 * Called after a migration has been applied and recorded.
	 * @param migration the migration, in the state it had before it was applied
	 * @param duration how long it took
	 */
	default void afterEachMigrate(MigrationInfo migration, Duration duration) {
	}

	/**
	 * Called after a run that had something to apply has applied all of it.
	 * @param result what the run did
	 */
	default void afterMigrate(MigrateResult result) {
	}

	/**
	 * Called after a run that had something to apply has failed: a migration failed, the
	 * lock was lost, or a {@link #beforeMigrate} callback failed.
	 * @param failure the failure, as it is reported
	 * @param applied the migrations the run applied before it failed, in order
	 */
	default void afterMigrateError(MigrationException failure, List<MigrationRef> applied) {
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
