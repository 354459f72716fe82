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
 * Makes the email optional: accounts may now sign up with a username alone. Hibernate
 * never relaxes a constraint it created, so the tables it created with an older mapping
 * need this. SQLite cannot change a column's nullability: the table is rebuilt there.
 *
 * @author the bootmigrate authors
 */
@Component
class MakeEmailOptional implements Migration {

	@Override
	public String version() {
		return "5";
	}

	@Override
	public void migrate(MigrationContext context) {
		if (context.schema().column("account", "email").orElseThrow().nullable()) {
			context.skip("account.email is already nullable");
			return;
		}
		if (context.database() == DatabaseDriver.MARIADB || context.database() == DatabaseDriver.MYSQL) {
			context.jdbc().execute("ALTER TABLE account MODIFY email VARCHAR(255) NULL");
		}
		else if (context.database() == DatabaseDriver.SQLITE) {
			SqliteTables.rebuild(context.jdbc(), "account", SqliteTables.nullable("email"));
		}
		else {
			context.jdbc().execute("ALTER TABLE account ALTER COLUMN email DROP NOT NULL");
		}
	}

	/**
	 * Fails, leaving the migration applied, if accounts without an email exist by then.
	 */
	@Override
	public void rollback(MigrationContext context) {
		if (context.database() == DatabaseDriver.MARIADB || context.database() == DatabaseDriver.MYSQL) {
			context.jdbc().execute("ALTER TABLE account MODIFY email VARCHAR(255) NOT NULL");
		}
		else if (context.database() == DatabaseDriver.SQLITE) {
			SqliteTables.rebuild(context.jdbc(), "account", SqliteTables.notNull("email"));
		}
		else {
			context.jdbc().execute("ALTER TABLE account ALTER COLUMN email SET NOT NULL");
		}
	}

}
