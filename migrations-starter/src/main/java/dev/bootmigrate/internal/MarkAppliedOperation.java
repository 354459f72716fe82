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

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.bootmigrate.InvalidHistoryException;
import dev.bootmigrate.MigrationCommandException;
import dev.bootmigrate.MigrationInfo;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.MigrationState;
import dev.bootmigrate.Versions;

/**
 * Records pending migrations as applied without running them: the {@code mark-applied}
 * command, to adopt a database whose schema was changed by other means. Repeatable
 * migrations are left to {@code migrate}, which applies them again anyway whenever they
 * change.
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
			List<MigrationInfo> failed = snapshot.failed()
				.stream()
				.filter((migration) -> Versions.compare(migration.version(), target) <= 0)
				.toList();
			if (!failed.isEmpty()) {
				throw new MigrationCommandException("Cannot record the migrations up to " + target + ": "
						+ String.join(", ", failed.stream().map((migration) -> migration.ref().toString()).toList())
						+ " " + ((failed.size() != 1) ? "are" : "is")
						+ " recorded as failed, and part of it may be missing from the database. Nothing was changed.",
						"Check the schema, then record " + ((failed.size() != 1) ? "each" : "it")
								+ " alone with --migrations.version=" + failed.get(0).version()
								+ ", or clear it with --migrations.command=repair.");
			}
			List<ResolvedMigration> pending = snapshot.pendingMigrations(target);
			this.engine.transaction()
				.executeWithoutResult((status) -> pending.forEach((migration) -> this.engine.record(this.engine.jdbc(),
						migration, AppliedMigration.TYPE_MARKED, 0)));
			List<MigrationRef> marked = pending.stream().map(ResolvedMigration::ref).toList();
			this.engine.pendingCounted(snapshot.pendingCount() - marked.size());
			logger.info("Recorded " + marked.size() + " migration(s) as applied without running them: " + marked);
			return marked;
		});
	}

	/**
	 * Record one migration as applied: a pending one, or one recorded as failed, whose
	 * changes an operator has checked are all in the database.
	 * @param version the version
	 * @return the migration recorded, or nothing when it is applied already
	 * @throws InvalidHistoryException if rows of the history cannot be matched with
	 * migrations
	 */
	List<MigrationRef> runVersion(String version) {
		return this.engine.locked((lock) -> {
			FlywayAdoption.Result adopted = this.engine.createTableIfMissing(version);
			MigrationsSnapshot snapshot = this.engine.snapshot();
			Policies.requireValidHistory(snapshot);
			if (adopted != null && adopted.marked() != null) {
				// Flyway recorded it as failed; the adoption recorded it as applied
				ResolvedMigration marked = Objects.requireNonNull(this.engine.find(version));
				this.engine.pendingCounted(snapshot.pendingCount());
				return List.of(marked.ref());
			}
			MigrationInfo info = snapshot.migrations()
				.stream()
				.filter((migration) -> migration.origin() != null && !migration.repeatable()
						&& Versions.compare(migration.version(), version) == 0)
				.findFirst()
				.orElseThrow();
			ResolvedMigration migration = Objects.requireNonNull(this.engine.find(version));
			if (info.state() == MigrationState.PENDING) {
				this.engine.record(this.engine.jdbc(), migration, AppliedMigration.TYPE_MARKED, 0);
			}
			else if (info.state() == MigrationState.FAILED) {
				HistoryTable table = this.engine.table();
				this.engine.jdbc()
					.update(table.markIncompleteSql(), AppliedMigration.TYPE_MARKED, this.engine.installedBy(),
							Timestamp.from(Instant.now()), Objects.requireNonNull(info.applied()).version());
			}
			else {
				logger.info(migration.ref() + " is already recorded as applied");
				return List.of();
			}
			this.engine.pendingCounted(snapshot.pendingCount() - ((info.state() == MigrationState.PENDING) ? 1 : 0));
			logger.info("Recorded " + migration.ref() + " as applied without running it"
					+ ((info.state() == MigrationState.FAILED) ? " (it was recorded as failed)" : ""));
			return List.of(migration.ref());
		});
	}

}
