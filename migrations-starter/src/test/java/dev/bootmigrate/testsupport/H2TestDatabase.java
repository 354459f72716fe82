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

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * An in-memory H2 database of its own, shut down when closed.
 *
 * @author the bootmigrate authors
 */
final class H2TestDatabase implements TestDatabase {

	static final Kind KIND = new Kind() {

		@Override
		public TestDatabase create() {
			return new H2TestDatabase(H2Database.create());
		}

		@Override
		public String toString() {
			return "h2";
		}

	};

	private final H2Database database;

	private final DataSource dataSource;

	private H2TestDatabase(H2Database database) {
		this.database = database;
		this.dataSource = database.dataSource();
	}

	@Override
	public String url() {
		return this.database.url();
	}

	@Override
	public List<String> springProperties() {
		return this.database.springProperties();
	}

	@Override
	public String schema() {
		return "PUBLIC";
	}

	@Override
	public String newSchemaName(String suffix) {
		return suffix;
	}

	@Override
	public DataSource dataSource() {
		return this.dataSource;
	}

	@Override
	public Connection connect() throws SQLException {
		return this.dataSource.getConnection();
	}

	@Override
	public DatabaseUser createUser() {
		execute("CREATE USER APP PASSWORD 'app'");
		// Without the URL's settings, which only an administrator may change; the
		// database stays open all the same
		String url = url().substring(0, url().indexOf(';'));
		return new DatabaseUser("APP", List.of("spring.datasource.url=" + url, "spring.datasource.username=app",
				"spring.datasource.password=app"));
	}

	@Override
	public boolean transactionalDdl() {
		return false;
	}

	@Override
	public @Nullable LockSessions lockSessions() {
		return null;
	}

	@Override
	public boolean sharedByProcesses() {
		return false;
	}

	@Override
	public boolean concurrentIndexBuilds() {
		return false;
	}

	@Override
	public boolean partialIndexes() {
		return false;
	}

	@Override
	public void close() {
		execute("SHUTDOWN");
	}

}
