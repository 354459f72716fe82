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

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.bootmigrate.FlywayHistoryException;
import dev.bootmigrate.MigrationInfo;
import dev.bootmigrate.Printable;
import dev.bootmigrate.Versions;

import org.springframework.jdbc.core.ConnectionCallback;

/**
 * Takes over a database that Flyway migrated: records in the history table, created for
 * the purpose, the migrations Flyway applied, so that none of them runs again. Runs under
 * the lock, at the first {@code migrate} (or {@code mark-applied}) that finds no history
 * table and Flyway's; Flyway's table is only read.
 * <p>
 * Each versioned migration whose latest row in Flyway's table succeeded is recorded with
 * Flyway's version, description, checksum, user, date and execution time, as type
 * {@code FLYWAY}; a version Flyway's repair marked deleted, or an undo reverted, is not.
 * Each repeatable migration is recorded with the checksum of its latest successful run. A
 * baseline counts as applied up to its version: the application's migrations up to it
 * that Flyway did not apply are recorded with the baseline's user and date. A row that
 * Flyway recorded as failed (and did not run again since) stops the adoption, unless it
 * is the version {@code mark-applied} was asked to record. The rows are inserted in one
 * transaction, together with the creation of the table where the database rolls DDL back
 * with a transaction.
 *
 * @author the bootmigrate authors
 */
final class FlywayAdoption {

	private static final Log logger = LogFactory.getLog(FlywayAdoption.class);

	private final Engine engine;

	private final FlywayHistory flyway;

	private final String flywayTable;

	/**
	 * Prepare the adoption of Flyway's history table.
	 * @param engine the engine
	 * @param flyway Flyway's table
	 * @param flywayTable its name as found, quoted
	 */
	FlywayAdoption(Engine engine, FlywayHistory flyway, String flywayTable) {
		this.engine = engine;
		this.flyway = flyway;
		this.flywayTable = flywayTable;
	}

	/**
	 * Adopt Flyway's history.
	 * @param createTable whether to create the history table
	 * @param markedVersion the version of a migration Flyway recorded as failed to record
	 * as applied anyway, or {@code null}
	 * @return what was recorded
	 * @throws FlywayHistoryException if Flyway's table records failed migrations or
	 * versions that cannot be read; nothing is then recorded
	 */
	Result run(boolean createTable, @Nullable String markedVersion) {
		List<FlywayHistory.Row> rows = this.engine.jdbc()
			.execute((ConnectionCallback<List<FlywayHistory.Row>>) (connection) -> this.flyway.read(connection,
					this.flywayTable));
		Plan plan = plan((rows != null) ? rows : List.of(), markedVersion);
		HistoryTable table = this.engine.table();
		this.engine.transaction().executeWithoutResult((status) -> {
			if (createTable) {
				this.engine.jdbc().execute((ConnectionCallback<@Nullable Void>) (connection) -> {
					table.create(connection, this.engine.dialect());
					return null;
				});
			}
			for (AppliedMigration row : plan.rows()) {
				this.engine.jdbc().update(table.insertSql(), (statement) -> table.bindInsert(statement, row));
			}
		});
		if (createTable) {
			logger.info("Created history table " + table);
		}
		Result result = plan.result();
		logger.info("Adopted Flyway's history table " + this.flyway + ": recorded " + result.versioned()
				+ " migration(s) Flyway applied"
				+ ((result.currentVersion() != null)
						? " (up to version " + Printable.escape(result.currentVersion()) + ")" : "")
				+ ", " + result.repeatable() + " repeatable migration(s)"
				+ ((result.baseline() != null) ? " and " + result.baselined() + " below its baseline at version "
						+ Printable.escape(result.baseline()) : "")
				+ ((result.marked() != null) ? ", and version " + Printable.escape(result.marked())
						+ ", which Flyway recorded as failed, " + "as applied (marked)" : "")
				+ " in " + table + "; Flyway's table was left as it is");
		return result;
	}

	private Plan plan(List<FlywayHistory.Row> rows, @Nullable String markedVersion) {
		// The latest row of each version, and of each repeatable migration
		Map<String, FlywayHistory.Row> versioned = new LinkedHashMap<>();
		Map<String, FlywayHistory.Row> repeatable = new LinkedHashMap<>();
		FlywayHistory.Row baseline = null;
		List<String> problems = new ArrayList<>();
		for (FlywayHistory.Row row : rows) {
			if (row.marker()) {
				continue;
			}
			if (row.version() == null || row.version().isBlank()) {
				repeatable.remove(HistoryTable.repeatableKey(row.description()));
				repeatable.put(HistoryTable.repeatableKey(row.description()), row);
				continue;
			}
			String problem = Versions.problem(row.version());
			if (problem != null) {
				problems.add("Row " + row.rank() + " (installed_rank) records the version '"
						+ Printable.escape(row.version()) + "', which " + problem);
				continue;
			}
			if (row.baseline() && row.success()) {
				baseline = row;
				continue;
			}
			String canonical = Versions.canonical(row.version());
			versioned.remove(canonical);
			if (!row.takesBack()) {
				versioned.put(canonical, row);
			}
		}
		List<AppliedMigration> recorded = new ArrayList<>();
		List<String> failedVersions = new ArrayList<>();
		List<String> deletes = new ArrayList<>();
		String marked = null;
		String current = null;
		int versionedCount = 0;
		for (FlywayHistory.Row row : versioned.values()) {
			String version = row.version();
			if (!row.success()) {
				if (markedVersion != null && Versions.compare(version, markedVersion) == 0) {
					marked = version;
					recorded.add(markedRow(version, row));
					continue;
				}
				failedVersions.add(version);
				deletes.add(delete(row));
				problems.add("Flyway recorded version " + Printable.escape(version) + " \""
						+ Printable.escape(row.description()) + "\" (" + Printable.escape(row.script())
						+ ", installed_rank " + row.rank() + ") as failed: part of it may be in the database");
				continue;
			}
			recorded.add(flywayRow(version, row.description(), row));
			versionedCount++;
			current = (current == null || Versions.compare(version, current) > 0) ? version : current;
		}
		int repeatableCount = 0;
		for (Map.Entry<String, FlywayHistory.Row> entry : repeatable.entrySet()) {
			FlywayHistory.Row row = entry.getValue();
			if (!row.success()) {
				deletes.add(delete(row));
				problems.add("Flyway recorded the repeatable migration \"" + Printable.escape(row.description())
						+ "\" (" + Printable.escape(row.script()) + ", installed_rank " + row.rank()
						+ ") as failed: part of it may be in the database");
				continue;
			}
			recorded.add(flywayRow(entry.getKey(), row.description(), row));
			repeatableCount++;
		}
		int baselined = 0;
		if (baseline != null) {
			for (ResolvedMigration migration : this.engine.migrations()) {
				if (Versions.compare(migration.version(), baseline.version()) > 0) {
					break;
				}
				if (!versioned.containsKey(Versions.canonical(migration.version()))) {
					recorded.add(new AppliedMigration(migration.version(), migration.description(),
							MigrationInfo.Applied.FLYWAY, migration.checksum(), truncate(baseline.installedBy()),
							baseline.installedOn(), 0));
					baselined++;
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new FlywayHistoryException(this.flyway.name(), problems, failedVersions, deletes);
		}
		return new Plan(recorded, new Result(versionedCount, repeatableCount, (baseline != null) ? baselined : 0,
				(baseline != null) ? baseline.version() : null, current, marked));
	}

	private AppliedMigration flywayRow(String key, String description, FlywayHistory.Row row) {
		return new AppliedMigration(key, description(description), MigrationInfo.Applied.FLYWAY,
				(row.checksum() != null) ? row.checksum().toString() : null, truncate(row.installedBy()),
				row.installedOn(), Math.max(row.executionTime(), 0));
	}

	/**
	 * The row of a version Flyway recorded as failed, whose changes an operator checked:
	 * recorded with the application's description and checksum, as {@code mark-applied}
	 * records a migration.
	 */
	private AppliedMigration markedRow(String version, FlywayHistory.Row row) {
		ResolvedMigration migration = this.engine.find(version);
		String description = (migration != null) ? migration.description() : description(row.description());
		String checksum = (migration != null) ? migration.checksum()
				: (row.checksum() != null) ? row.checksum().toString() : null;
		return new AppliedMigration(version, description, AppliedMigration.TYPE_MARKED, checksum,
				this.engine.installedBy(), Instant.now(), 0);
	}

	private String delete(FlywayHistory.Row row) {
		return "DELETE FROM " + this.flyway.name() + " WHERE installed_rank = " + row.rank();
	}

	private static String description(String description) {
		String stripped = description.strip();
		return (stripped.length() > ResolvedMigration.MAX_DESCRIPTION_LENGTH)
				? stripped.substring(0, ResolvedMigration.MAX_DESCRIPTION_LENGTH) : stripped;
	}

	private static String truncate(String installedBy) {
		return (installedBy.length() > 100) ? installedBy.substring(0, 100) : installedBy;
	}

	/**
	 * The rows to record, and what they are.
	 */
	private record Plan(List<AppliedMigration> rows, Result result) {

	}

	/**
	 * What an adoption recorded.
	 *
	 * @param versioned how many versioned migrations Flyway applied
	 * @param repeatable how many repeatable migrations
	 * @param baselined how many of the application's migrations up to the baseline
	 * @param baseline the version of Flyway's baseline, or {@code null}
	 * @param currentVersion the highest version Flyway applied, or {@code null}
	 * @param marked the version Flyway recorded as failed that was recorded as applied,
	 * or {@code null}
	 */
	record Result(int versioned, int repeatable, int baselined, @Nullable String baseline,
			@Nullable String currentVersion, @Nullable String marked) {

	}

}
