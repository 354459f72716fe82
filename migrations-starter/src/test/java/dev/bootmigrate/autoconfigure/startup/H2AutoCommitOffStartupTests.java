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
package dev.bootmigrate.autoconfigure.startup;

import java.util.List;

import javax.sql.DataSource;

import dev.bootmigrate.testsupport.H2Database;

/**
 * Starts with auto-commit off on an in-memory H2 database.
 *
 * @author the bootmigrate authors
 */
class H2AutoCommitOffStartupTests extends AbstractAutoCommitOffStartupTests {

	private final H2Database database = H2Database.create();

	@Override
	protected List<String> databaseProperties() {
		return this.database.springProperties();
	}

	@Override
	protected DataSource dataSource() {
		return this.database.dataSource();
	}

	@Override
	protected String newSchema() {
		return "history";
	}

	@Override
	protected String createIndexOutsideATransaction() {
		return "CREATE INDEX items_name ON items (name)";
	}

}
