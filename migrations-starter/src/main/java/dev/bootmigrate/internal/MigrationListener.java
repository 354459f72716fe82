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
package dev.bootmigrate.internal;

import java.time.Duration;

/**
 * Told what the {@link Migrator} does, for metrics.
 *
 * @author the bootmigrate authors
 */
public interface MigrationListener {

	/**
	 * A listener that does nothing.
	 */
	MigrationListener NONE = new MigrationListener() {
	};

	/**
	 * Called after a migration has been applied and recorded.
	 * @param migration the migration
	 * @param duration how long it took
	 */
	default void applied(ResolvedMigration migration, Duration duration) {
	}

	/**
	 * Called whenever the migrator has counted the pending migrations.
	 * @param count how many known migrations are not applied
	 */
	default void pending(int count) {
	}

	/**
	 * Combine listeners into one.
	 * @param listeners the listeners
	 * @return a listener that tells each of them, in order
	 */
	static MigrationListener of(java.util.List<MigrationListener> listeners) {
		if (listeners.isEmpty()) {
			return NONE;
		}
		if (listeners.size() == 1) {
			return listeners.get(0);
		}
		return new MigrationListener() {

			@Override
			public void applied(ResolvedMigration migration, Duration duration) {
				listeners.forEach((listener) -> listener.applied(migration, duration));
			}

			@Override
			public void pending(int count) {
				listeners.forEach((listener) -> listener.pending(count));
			}

		};
	}

}
