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
 * Makes the username required, now that every account has one. SQLite cannot change a
 * column's nullability: the table is rebuilt there.
 *
 * @author the bootmigrate authors
 */
@Component
class MakeUsernameRequired implements Migration {

	@Override
	public String version() {
		return "3";
	}

	@Override
	public void migrate(MigrationContext context) {
		if (!context.schema().column("account", "username").orElseThrow().nullable()) {
			context.skip("account.username is already NOT NULL");
			return;
		}
		if (context.database() == DatabaseDriver.MARIADB || context.database() == DatabaseDriver.MYSQL) {
			context.jdbc().execute("ALTER TABLE account MODIFY username VARCHAR(100) NOT NULL");
		}
		else if (context.database() == DatabaseDriver.SQLITE) {
			SqliteTables.rebuild(context.jdbc(), "account", SqliteTables.notNull("username"));
		}
		else {
			context.jdbc().execute("ALTER TABLE account ALTER COLUMN username SET NOT NULL");
		}
	}

	@Override
	public void rollback(MigrationContext context) {
		if (context.database() == DatabaseDriver.MARIADB || context.database() == DatabaseDriver.MYSQL) {
			context.jdbc().execute("ALTER TABLE account MODIFY username VARCHAR(100) NULL");
		}
		else if (context.database() == DatabaseDriver.SQLITE) {
			SqliteTables.rebuild(context.jdbc(), "account", SqliteTables.nullable("username"));
		}
		else {
			context.jdbc().execute("ALTER TABLE account ALTER COLUMN username DROP NOT NULL");
		}
	}

}
