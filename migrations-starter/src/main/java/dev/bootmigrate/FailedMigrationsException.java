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

import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Thrown when the history table records migrations as failed: part of each was committed
 * (by a database that commits schema changes implicitly, or by the migration itself),
 * then it failed or the run applying it stopped. Such a migration is never applied again
 * on its own; nothing is applied until an operator has checked the schema and either
 * recorded it as applied or cleared it.
 *
 * @author the bootmigrate authors
 * @see MigrationState#FAILED
 */
public class FailedMigrationsException extends MigrationException {

	private final String table;

	private final List<MigrationInfo> migrations;

	/**
	 * Create a new exception.
	 * @param table the history table
	 * @param migrations the migrations recorded as failed
	 */
	public FailedMigrationsException(String table, List<MigrationInfo> migrations) {
		super(message(table, migrations));
		this.table = table;
		this.migrations = List.copyOf(migrations);
	}

	private static String message(String table, List<MigrationInfo> migrations) {
		return "The history table " + table + " records " + ((migrations.size() != 1) ? "migrations" : "a migration")
				+ " as failed after part of " + ((migrations.size() != 1) ? "them" : "it") + " had been committed: "
				+ String.join("; ", migrations.stream().map(FailedMigrationsException::describe).toList()) + ". What "
				+ ((migrations.size() != 1) ? "they" : "it")
				+ " did before failing may be in the database, so nothing is applied until an operator has checked "
				+ "the schema";
	}

	private static String describe(MigrationInfo migration) {
		StringBuilder description = new StringBuilder(migration.ref().toString());
		if (migration.origin() != null) {
			description.append(" (").append(migration.origin().describe()).append(')');
		}
		MigrationInfo.Applied row = migration.applied();
		if (row != null && row.installedOn() != null) {
			description.append(", started ").append(row.installedOn().truncatedTo(ChronoUnit.SECONDS));
			if (row.installedBy() != null) {
				description.append(" by ").append(Printable.escape(row.installedBy()));
			}
		}
		return description.toString();
	}

	/**
	 * Return the history table.
	 * @return the qualified table name
	 */
	public String getTable() {
		return this.table;
	}

	/**
	 * Return the migrations recorded as failed, with when and by whom they were started.
	 * @return the migrations, in version order
	 */
	public List<MigrationInfo> getMigrations() {
		return this.migrations;
	}

}
