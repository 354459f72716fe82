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

import java.nio.charset.StandardCharsets;

import dev.bootmigrate.Migration;
import dev.bootmigrate.MigrationContext;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.stereotype.Component;
import org.springframework.util.DigestUtils;

/**
 * Makes usernames unique. Declares a checksum and can be rolled back. SQLite cannot add a
 * constraint to a table: a unique index of the same name does the same there.
 *
 * @author the bootmigrate authors
 */
@Component
class AddUniqueUsernameConstraint implements Migration {

	private static final String SQL = "ALTER TABLE account ADD CONSTRAINT uk_account_username UNIQUE (username)";

	@Override
	public String version() {
		return "4";
	}

	/**
	 * A hash of the SQL: if someone edits this migration after it was applied, the next
	 * start says so instead of silently diverging from the databases that ran the old
	 * version.
	 */
	@Override
	public String checksum() {
		return DigestUtils.md5DigestAsHex(SQL.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public void migrate(MigrationContext context) {
		if (context.schema().uniqueConstraintExists("account", "username")) {
			context.skip("account.username is already unique");
			return;
		}
		context.jdbc()
			.execute((context.database() == DatabaseDriver.SQLITE)
					? "CREATE UNIQUE INDEX uk_account_username ON account (username)" : SQL);
	}

	@Override
	public void rollback(MigrationContext context) {
		context.jdbc()
			.execute((context.database() == DatabaseDriver.SQLITE) ? "DROP INDEX uk_account_username"
					: "ALTER TABLE account DROP CONSTRAINT uk_account_username");
	}

}
