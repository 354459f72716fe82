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

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.bootmigrate.InvalidHistoryException;
import dev.bootmigrate.MigrationRef;

/**
 * Records pending migrations as applied without running them: the {@code mark-applied}
 * command, to adopt a database whose schema was changed by other means.
 *
 * @author the bootmigrate authors
 */
final class MarkAppliedOperation {

	private static final Log logger = LogFactory.getLog(MarkAppliedOperation.class);

	private final Engine engine;

	MarkAppliedOperation(Engine engine) {
		this.engine = engine;
	}

	/**
	 * Record the pending migrations up to and including the target.
	 * @param target the highest version to record
	 * @return the migrations recorded, in version order
	 * @throws InvalidHistoryException if rows of the history cannot be matched with
	 * migrations
	 */
	List<MigrationRef> run(String target) {
		return this.engine.locked((lock) -> {
			this.engine.createTableIfMissing();
			MigrationsSnapshot snapshot = this.engine.snapshot();
			Policies.requireValidHistory(snapshot);
			List<ResolvedMigration> pending = snapshot.pendingMigrations(target);
			this.engine.transaction()
				.executeWithoutResult((status) -> pending.forEach((migration) -> this.engine.record(this.engine.jdbc(),
						migration, AppliedMigration.TYPE_MARKED, 0)));
			List<MigrationRef> marked = pending.stream().map(ResolvedMigration::ref).toList();
			this.engine.pendingCounted(snapshot.pendingMigrations().size() - marked.size());
			logger.info("Recorded " + marked.size() + " migration(s) as applied without running them: " + marked);
			return marked;
		});
	}

}
