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

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.bootmigrate.testsupport.PostgresExtension;
import dev.bootmigrate.testsupport.PostgresSchema;

/**
 * Another tool's history table on PostgreSQL, each test in a schema of its own.
 *
 * @author the bootmigrate authors
 */
@ExtendWith(PostgresExtension.class)
class PostgresForeignHistoryTableStartupTests extends AbstractForeignHistoryTableStartupTests {

	private PostgresSchema schema;

	@BeforeEach
	void createSchema(PostgresSchema schema) {
		this.schema = schema;
	}

	@Override
	protected List<String> databaseProperties() {
		return this.schema.springProperties();
	}

	@Override
	protected DataSource dataSource() {
		return this.schema.dataSource();
	}

	@Override
	protected String schema() {
		return this.schema.name();
	}

}
