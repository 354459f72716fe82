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

import org.jspecify.annotations.Nullable;

import org.springframework.util.function.ThrowingConsumer;

/**
 * A {@link Migration} made of functions, created by {@link Migration#of}.
 *
 * @author the bootmigrate authors
 */
final class FunctionalMigration implements Migration {

	private final String version;

	private final String description;

	private final ThrowingConsumer<MigrationContext> migrate;

	private final @Nullable ThrowingConsumer<MigrationContext> rollback;

	FunctionalMigration(String version, String description, ThrowingConsumer<MigrationContext> migrate,
			@Nullable ThrowingConsumer<MigrationContext> rollback) {
		this.version = version;
		this.description = description;
		this.migrate = migrate;
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
	public void migrate(MigrationContext context) throws Exception {
		this.migrate.acceptWithException(context);
	}

	@Override
	public void rollback(MigrationContext context) throws Exception {
		if (this.rollback == null) {
			Migration.super.rollback(context);
			return;
		}
		this.rollback.acceptWithException(context);
	}

	@Override
	public boolean canRollback() {
		return this.rollback != null;
	}

	@Override
	public String toString() {
		return "Migration " + this.version + " (" + this.description + ")";
	}

}
