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
package dev.bootmigrate.sample.migrations;

import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationContext;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.stereotype.Component;

/**
 * Adds a settings document to every account: {@code jsonb} on PostgreSQL, text elsewhere,
 * with an empty object as the default for existing rows.
 *
 * @author the bootmigrate authors
 */
@Component
class AddAccountSettings implements Migration {

	@Override
	public String version() {
		return "6";
	}

	@Override
	public String description() {
		return "Add account settings (JSON)";
	}

	@Override
	public void migrate(MigrationContext context) {
		if (context.schema().columnExists("account", "settings")) {
			context.skip("account.settings already exists");
			return;
		}
		if (context.database() == DatabaseDriver.POSTGRESQL) {
			context.jdbc().execute("ALTER TABLE account ADD COLUMN settings JSONB NOT NULL DEFAULT '{}'::jsonb");
		}
		else {
			context.jdbc().execute("ALTER TABLE account ADD COLUMN settings VARCHAR(4000) DEFAULT '{}' NOT NULL");
		}
	}

	@Override
	public void rollback(MigrationContext context) {
		context.jdbc().execute("ALTER TABLE account DROP COLUMN settings");
	}

}
