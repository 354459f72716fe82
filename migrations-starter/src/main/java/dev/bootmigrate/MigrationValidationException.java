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

import java.util.ArrayList;
import java.util.List;

/**
 * Thrown when the database and the code disagree in a way the configured policies do not
 * accept: migrations still pending while automatic migration is off
 * ({@code migrations.on-pending=fail}), versions recorded in the database that the code
 * does not know ({@code migrations.on-unknown=fail}), or applied migrations whose
 * checksum changed ({@code migrations.on-checksum-mismatch=fail}). Nothing has been
 * applied.
 *
 * @author the bootmigrate authors
 */
public class MigrationValidationException extends MigrationException {

	private final String table;

	private final List<MigrationRef> pending;

	private final List<MigrationRef> unknown;

	private final List<MigrationRef> checksumMismatches;

	/**
	 * Create a new exception.
	 * @param table the history table
	 * @param pending the pending migrations that are refused
	 * @param unknown the recorded versions the code does not know
	 * @param checksumMismatches the applied migrations whose checksum changed
	 */
	public MigrationValidationException(String table, List<MigrationRef> pending, List<MigrationRef> unknown,
			List<MigrationRef> checksumMismatches) {
		super(message(table, pending, unknown, checksumMismatches));
		this.table = table;
		this.pending = List.copyOf(pending);
		this.unknown = List.copyOf(unknown);
		this.checksumMismatches = List.copyOf(checksumMismatches);
	}

	private static String message(String table, List<MigrationRef> pending, List<MigrationRef> unknown,
			List<MigrationRef> checksumMismatches) {
		List<String> parts = new ArrayList<>();
		if (!pending.isEmpty()) {
			parts.add(pending.size() + " pending migration(s) not applied: " + pending);
		}
		if (!unknown.isEmpty()) {
			parts.add(table + " records version(s) the application does not know: " + unknown);
		}
		if (!checksumMismatches.isEmpty()) {
			parts
				.add("applied migration(s) changed since they were applied (checksum mismatch): " + checksumMismatches);
		}
		return "The database does not match the application's migrations: " + String.join("; ", parts);
	}

	/**
	 * Return the history table.
	 * @return the qualified table name
	 */
	public String getTable() {
		return this.table;
	}

	/**
	 * Return the pending migrations, when pending migrations are refused.
	 * @return the pending migrations, possibly empty
	 */
	public List<MigrationRef> getPending() {
		return this.pending;
	}

	/**
	 * Return the recorded versions that the application does not know.
	 * @return the unknown versions, possibly empty
	 */
	public List<MigrationRef> getUnknown() {
		return this.unknown;
	}

	/**
	 * Return the applied migrations whose checksum changed.
	 * @return the migrations, possibly empty
	 */
	public List<MigrationRef> getChecksumMismatches() {
		return this.checksumMismatches;
	}

}
