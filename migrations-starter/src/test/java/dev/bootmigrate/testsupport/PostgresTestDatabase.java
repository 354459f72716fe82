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
package dev.bootmigrate.testsupport;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.opentest4j.TestAbortedException;

/**
 * A schema of its own on the test PostgreSQL server (see {@link PostgresServer} for how
 * it is found), dropped when closed.
 *
 * @author the bootmigrate authors
 */
final class PostgresTestDatabase implements TestDatabase {

	static final Kind KIND = new Kind() {

		@Override
		public TestDatabase create() {
			PostgresServer server = PostgresServer.get();
			if (server == null) {
				String reason = PostgresServer.unavailableReason();
				if (System.getenv("CI") != null) {
					throw new IllegalStateException(reason + " (CI is set, so PostgreSQL tests must run)");
				}
				System.err.println("*** SKIPPING POSTGRESQL TESTS: " + reason + " ***");
				throw new TestAbortedException(reason);
			}
			return new PostgresTestDatabase(server.createSchema());
		}

		@Override
		public String toString() {
			return "postgresql";
		}

	};

	private final PostgresSchema schema;

	private final DataSource dataSource;

	private final List<String> otherSchemas = new ArrayList<>();

	private PostgresTestDatabase(PostgresSchema schema) {
		this.schema = schema;
		this.dataSource = schema.dataSource();
	}

	@Override
	public String url() {
		return this.schema.url();
	}

	@Override
	public List<String> springProperties() {
		return this.schema.springProperties();
	}

	@Override
	public String schema() {
		return this.schema.name();
	}

	@Override
	public String newSchemaName(String suffix) {
		String name = this.schema.name() + "_" + suffix;
		this.otherSchemas.add(name);
		return name;
	}

	@Override
	public DataSource dataSource() {
		return this.dataSource;
	}

	@Override
	public boolean transactionalDdl() {
		return true;
	}

	@Override
	public boolean advisoryLocks() {
		return true;
	}

	@Override
	public boolean concurrentIndexBuilds() {
		return true;
	}

	@Override
	public boolean partialIndexes() {
		return true;
	}

	@Override
	public void close() {
		this.otherSchemas.forEach((name) -> execute("DROP SCHEMA IF EXISTS " + name + " CASCADE"));
		this.schema.close();
	}

}
