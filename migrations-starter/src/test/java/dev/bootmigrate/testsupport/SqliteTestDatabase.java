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
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * A {@link SqliteDatabase} file of its own, deleted when closed. No server is needed:
 * never skipped.
 *
 * @author the bootmigrate authors
 */
final class SqliteTestDatabase implements TestDatabase {

	static final Kind KIND = new Kind() {

		@Override
		public TestDatabase create() {
			return new SqliteTestDatabase(SqliteDatabase.create());
		}

		@Override
		public String toString() {
			return "sqlite";
		}

	};

	private final SqliteDatabase database;

	private final DataSource dataSource;

	private SqliteTestDatabase(SqliteDatabase database) {
		this.database = database;
		this.dataSource = database.dataSource();
	}

	@Override
	public String url() {
		return this.database.url();
	}

	@Override
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(url());
	}

	@Override
	public List<String> springProperties() {
		return this.database.springProperties();
	}

	@Override
	public String schema() {
		return "main";
	}

	@Override
	public String newSchemaName(String suffix) {
		throw new UnsupportedOperationException("SQLite has no schemas");
	}

	@Override
	public DataSource dataSource() {
		return this.dataSource;
	}

	@Override
	public boolean transactionalDdl() {
		return true;
	}

	/**
	 * The lock is the operating system's advisory lock on a lock file, held by a SQLite
	 * write transaction, not a row of a lock table.
	 */
	@Override
	public boolean tableRowLock() {
		return false;
	}

	/**
	 * No session of the database holds the lock: its proofs are in
	 * {@code SqliteLockFileTests} and {@code SqliteClusterStartupTests}.
	 */
	@Override
	public @Nullable LockSessions lockSessions() {
		return null;
	}

	/**
	 * Other processes use the same file; the process proofs that need a session lock to
	 * end are in {@code SqliteClusterStartupTests}.
	 */
	@Override
	public boolean sharedByProcesses() {
		return false;
	}

	@Override
	public @Nullable DatabaseUser createUser() {
		return null;
	}

	@Override
	public boolean partialIndexes() {
		return true;
	}

	@Override
	public boolean sequences() {
		return false;
	}

	@Override
	public boolean concurrentIndexBuilds() {
		return false;
	}

	@Override
	public boolean schemas() {
		return false;
	}

	@Override
	public boolean sqlStates() {
		return false;
	}

	@Override
	public boolean autoCommitsAfterARollbackStatement() {
		return true;
	}

	@Override
	public void close() {
		this.database.close();
	}

}
