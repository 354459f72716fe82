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

import org.springframework.stereotype.Component;

/**
 * Adds the username column when it is missing: Hibernate adds it when it starts with
 * {@code ddl-auto=update}, but a database managed with {@code ddl-auto=none} needs it
 * too. Checks first, the same way on every database.
 *
 * @author the bootmigrate authors
 */
@Component
class AddUsernameColumn implements Migration {

	@Override
	public String version() {
		return "1";
	}

	@Override
	public void migrate(MigrationContext context) {
		if (context.schema().columnExists("account", "username")) {
			context.skip("account.username already exists");
			return;
		}
		context.jdbc().execute("ALTER TABLE account ADD COLUMN username VARCHAR(100)");
	}

}
