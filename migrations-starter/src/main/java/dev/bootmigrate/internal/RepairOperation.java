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

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.bootmigrate.InvalidHistoryException;
import dev.bootmigrate.MigrationInfo;
import dev.bootmigrate.MigrationRef;
import dev.bootmigrate.MigrationState;
import dev.bootmigrate.RepairResult;
import dev.bootmigrate.Versions;

import org.springframework.jdbc.core.ConnectionCallback;

/**
 * Realigns the history table with the application: the {@code repair} command re-records
 * the checksum and description of applied migrations that changed, clears the records of
 * failed migrations so that they run again, and removes the rows of versions the
 * application does not know when asked to. Rows keep the version they were recorded with.
 * A repeatable migration that changed since it was applied is not realigned: the next
 * {@code migrate} applies it again.
 *
 * @author the bootmigrate authors
 */
final class RepairOperation {

	private static final Log logger = LogFactory.getLog(RepairOperation.class);

	private final Engine engine;

	RepairOperation(Engine engine) {
		this.engine = engine;
	}

	/**
	 * Repair the history table.
	 * @param removeUnknown whether to remove the rows of unknown versions
	 * @return what was changed
	 * @throws InvalidHistoryException if rows of the history cannot be matched with
	 * migrations
	 */
	RepairResult run(boolean removeUnknown) {
		return this.engine.locked((lock) -> {
			MigrationsSnapshot snapshot = this.engine.snapshot();
			Policies.requireValidHistory(snapshot);
			List<MigrationRef> realigned = new ArrayList<>();
			List<MigrationRef> cleared = new ArrayList<>();
			List<MigrationRef> removed = new ArrayList<>();
			this.engine.transaction().executeWithoutResult((status) -> {
				for (MigrationInfo migration : snapshot.migrations()) {
					MigrationInfo.Applied row = migration.applied();
					if (row == null) {
						continue;
					}
					if (migration.state() == MigrationState.FAILED) {
						// Under the lock, no run is applying it
						this.engine.jdbc().update(this.engine.table().deleteFailedSql(), row.version());
						cleared.add(migration.ref());
					}
					else if (migration.state() == MigrationState.UNKNOWN) {
						if (removeUnknown) {
							forget(row.version());
							removed.add(migration.ref());
						}
					}
					else if (migration.repeatable()) {
						// An outdated repeatable migration is applied again, not
						// realigned
						if (!Objects.equals(row.description(), migration.description())) {
							this.engine.jdbc()
								.update(this.engine.table().realignSql(), row.checksum(), migration.description(),
										row.version());
							realigned.add(migration.ref());
						}
					}
					else if (!Objects.equals(row.checksum(), migration.checksum())
							|| !Objects.equals(row.description(), migration.description())) {
						this.engine.jdbc()
							.update(this.engine.table().realignSql(), migration.checksum(), migration.description(),
									row.version());
						realigned.add(migration.ref());
					}
				}
			});
			List<MigrationRef> unknown = snapshot.refs(MigrationState.UNKNOWN);
			logger.info("Repaired " + this.engine.table() + ": " + realigned.size() + " row(s) realigned, "
					+ ((!cleared.isEmpty()) ? "the failed record(s) of " + cleared + " cleared, " : "") + removed.size()
					+ " unknown row(s) removed");
			return new RepairResult(this.engine.table().qualifiedName(), realigned, cleared, removed,
					removeUnknown ? List.of() : unknown);
		});
	}

	/**
	 * Delete the row of the given version, or else of the one equal version recorded
	 * spelled differently (2 for a migration that now declares 2.0).
	 */
	private void forget(String version) {
		HistoryTable table = this.engine.table();
		if (this.engine.jdbc().update(table.deleteSql(), version) == 1) {
			return;
		}
		List<AppliedMigration> rows = this.engine.jdbc()
			.execute((ConnectionCallback<@Nullable List<AppliedMigration>>) (connection) -> table.read(connection,
					this.engine.dialect(), true));
		List<String> equal = (rows != null) ? rows.stream()
			.map(AppliedMigration::version)
			.filter((recorded) -> Versions.isValid(recorded) && Versions.compare(recorded, version) == 0)
			.toList() : List.of();
		if (equal.size() != 1 || this.engine.jdbc().update(table.deleteSql(), equal.get(0)) != 1) {
			throw new IllegalStateException("Version " + version + " was no longer recorded in " + table);
		}
	}

}
