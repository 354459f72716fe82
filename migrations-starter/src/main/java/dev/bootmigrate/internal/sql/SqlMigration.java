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
package dev.bootmigrate.internal.sql;

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationContext;

/**
 * A migration read from an SQL file, with the file of its rollback if there is one.
 *
 * @author the bootmigrate authors
 */
final class SqlMigration implements Migration {

	private final String version;

	private final String description;

	private final SqlScript script;

	private final @Nullable SqlScript rollback;

	/**
	 * Create a migration.
	 * @param version the version, empty for a repeatable migration
	 * @param description the description
	 * @param script the file
	 * @param rollback the file of its rollback, or {@code null}
	 */
	SqlMigration(String version, String description, SqlScript script, @Nullable SqlScript rollback) {
		this.version = version;
		this.description = description;
		this.script = script;
		this.rollback = rollback;
	}

	@Override
	public String version() {
		return this.version;
	}

	@Override
	public String description() {
		return this.description;
	}

	@Override
	public @Nullable String checksum() {
		return this.script.checksum();
	}

	@Override
	public boolean transactional() {
		return this.script.transactional();
	}

	@Override
	public void migrate(MigrationContext context) {
		this.script.run(context, transactional());
	}

	@Override
	public void rollback(MigrationContext context) {
		if (this.rollback == null) {
			throw new UnsupportedOperationException(
					"SQL file '" + this.script.path() + "' has no rollback file (U" + this.version + "__...sql)");
		}
		this.rollback.run(context, transactional());
	}

	@Override
	public boolean canRollback() {
		return this.rollback != null;
	}

	@Override
	public String toString() {
		return this.script.path();
	}

}
